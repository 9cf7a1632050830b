/** The pure link-local / metadata rule agrees with node:net's BlockList on many addresses. */
import { BlockList, isIPv4 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isPrivateTarget } from '../../main/shared/private-address';

const blocked = new BlockList();
blocked.addSubnet('169.254.0.0', 16, 'ipv4');
blocked.addAddress('100.100.100.200', 'ipv4');
blocked.addSubnet('fe80::', 10, 'ipv6');
blocked.addAddress('fd00:ec2::254', 'ipv6');

const ADDRESSES = [
  '169.254.169.254',
  '169.254.0.0',
  '169.255.0.1',
  '169.253.255.255',
  '100.100.100.200',
  '100.100.100.199',
  '127.0.0.2',
  '10.0.0.1',
  'fe80::1',
  'fe80:0:0:0:0:0:0:1',
  'febf:ffff::1',
  'fec0::1',
  'fd00:ec2::254',
  'fd00:ec2:0:0:0:0:0:254',
  'fd00:ec2::255',
  '::1',
  '::',
  '2001:db8::1',
  '::ffff:169.254.169.254',
  '::ffff:a9fe:a9fe',
  '::ffff:127.0.0.1',
];

describe('isPrivateTarget (shared, pure)', () => {
  it('agrees with BlockList', () => {
    for (const a of ADDRESSES) {
      const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a)?.[1];
      const expected = mapped
        ? blocked.check(mapped, 'ipv4')
        : blocked.check(a, isIPv4(a) ? 'ipv4' : 'ipv6');
      // BlockList does not map ::ffff:a9fe:a9fe to IPv4; it is 169.254.169.254.
      expect(isPrivateTarget(a), a).toBe(a === '::ffff:a9fe:a9fe' ? true : expected);
    }
  });

  it('takes brackets and zone ids, and says false for names and nonsense', () => {
    expect(isPrivateTarget('[fe80::1]')).toBe(true);
    expect(isPrivateTarget('fe80::1%eth0')).toBe(true);
    for (const a of ['example.com', '', '1.2.3', '999.1.1.1', 'fe80:::1', '1:2:3:4:5:6:7:8:9']) {
      expect(isPrivateTarget(a), a).toBe(false);
    }
  });
});
