/**
 * Link-local and cloud-metadata addresses. A check may only reach them when the user confirmed
 * the target (`allowPrivateTarget`): a URL, or a redirect, that lands on the metadata service
 * would otherwise hand instance credentials to whoever wrote the URL.
 */
import { BlockList, isIPv4 } from 'node:net';

const blocked = new BlockList();
// IPv4 link-local, which holds the AWS, GCP, Azure and OpenStack metadata address 169.254.169.254.
blocked.addSubnet('169.254.0.0', 16, 'ipv4');
// Alibaba Cloud metadata.
blocked.addAddress('100.100.100.200', 'ipv4');
// IPv6 link-local.
blocked.addSubnet('fe80::', 10, 'ipv6');
// AWS metadata over IPv6 (Nitro).
blocked.addAddress('fd00:ec2::254', 'ipv6');

/** Whether an IP address is link-local or a known cloud-metadata address (IPv4-mapped too). */
export function isPrivateTarget(ip: string): boolean {
  const address = ip.replace(/%.*$/, ''); // a zone id (fe80::1%eth0) is not part of the address
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return blocked.check(mapped, 'ipv4');
  return isIPv4(address) ? blocked.check(address, 'ipv4') : blocked.check(address, 'ipv6');
}
