/**
 * The check runner's name lookup: `--resolve` pins parsed in words, pinned names answered
 * without asking the system (every other name is), per family; `resolveOnly` gives the run's
 * own failure kinds; and the core command marks the link-local and metadata addresses.
 */
import { describe, expect, it } from 'vitest';
import { parsePins, pinnedLookup, type HostLookup } from '../../main/adapters/checks/lookup';
import { resolveOnly } from '../../main/adapters/checks/resolve';
import { resolveCheckHost, type CheckRunnerPort } from '../../main/core/check-run';

describe('check name lookup', () => {
  it('parses NAME:ADDRESS pins (IPv6 bare or in brackets) and refuses others in words', () => {
    const pins = parsePins(['Shop.test:127.0.0.2', 'shop.test:[::1]', 'meta.test:fd00:ec2::254']);
    expect([...pins]).toEqual([
      ['shop.test', ['127.0.0.2', '::1']],
      ['meta.test', ['fd00:ec2::254']],
    ]);
    expect(() => parsePins(['ok.test:127.0.0.1', 'nope'])).toThrow(
      '--resolve (number 2): write it as NAME:ADDRESS',
    );
    expect(() => parsePins(['a.test:example.com'])).toThrow('write it as NAME:ADDRESS');
  });

  it('answers pinned names itself, by family, and asks the fallback for the rest', async () => {
    const asked: string[] = [];
    const fallback: HostLookup = (host) => {
      asked.push(host);
      return Promise.resolve([{ address: '127.0.0.9', family: 4 }]);
    };
    const lookup = pinnedLookup(parsePins(['shop.test:127.0.0.2', 'shop.test:::1']), fallback);
    expect(await lookup('SHOP.test.', 0)).toEqual([
      { address: '127.0.0.2', family: 4 },
      { address: '::1', family: 6 },
    ]);
    expect(await lookup('shop.test', 6)).toEqual([{ address: '::1', family: 6 }]);
    expect(await lookup('other.test', 0)).toEqual([{ address: '127.0.0.9', family: 4 }]);
    expect(asked).toEqual(['other.test']);
  });

  it('resolveOnly says what a run would: addresses, or the failure kind', async () => {
    const lookup = pinnedLookup(parsePins(['v6.test:fe80::1']), () =>
      Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })),
    );
    expect(await resolveOnly('v6.test', 'any', lookup)).toEqual({
      addresses: ['fe80::1'],
      failure: null,
    });
    expect(await resolveOnly('v6.test', '4', lookup)).toEqual({
      addresses: [],
      failure: { kind: 'dns-no-address', host: 'v6.test', family: '4' },
    });
    expect(await resolveOnly('gone.test', 'any', lookup)).toEqual({
      addresses: [],
      failure: { kind: 'dns-not-found', host: 'gone.test' },
    });
    expect(await resolveOnly('[169.254.169.254]', 'any', lookup)).toEqual({
      addresses: ['169.254.169.254'],
      failure: null,
    });
  });

  it('the core command marks link-local and metadata addresses, and is unavailable without a runner', async () => {
    const runner: Pick<CheckRunnerPort, 'resolveHost'> = {
      resolveHost: () =>
        Promise.resolve({
          addresses: ['127.0.0.2', '169.254.169.254', '100.100.100.200', 'fe80::5', '::1'],
          failure: null,
        }),
    };
    const answer = await resolveCheckHost(runner as CheckRunnerPort, {
      host: '[x.test]',
      family: 'any',
    });
    expect(answer).toEqual({
      ok: true,
      value: {
        host: 'x.test',
        addresses: ['127.0.0.2', '169.254.169.254', '100.100.100.200', 'fe80::5', '::1'],
        linkLocal: ['169.254.169.254', '100.100.100.200', 'fe80::5'],
        failure: null,
      },
    });
    expect(await resolveCheckHost(undefined, { host: 'x.test', family: 'any' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });
});
