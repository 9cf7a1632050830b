/**
 * Link-local and cloud-metadata addresses. A check may only reach them when the user confirmed
 * the target (`allowPrivateTarget`): a URL, or a redirect, that lands on the metadata service
 * would otherwise hand instance credentials to whoever wrote the URL. Pure (no node:net), so the
 * settings form can warn with the same rule the check runner enforces.
 */

/** The four numbers of a dotted IPv4 address, or undefined. */
function ipv4(text: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : undefined;
}

/** The eight 16-bit groups of an IPv6 address (an IPv4 tail counts as two), or undefined. */
function ipv6(text: string): number[] | undefined {
  if (!text.includes(':') || !/^[0-9a-f:.]+$/i.test(text)) return undefined;
  let tail: number[] = [];
  let head = text;
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const four = ipv4(v4[2]!);
    if (!four) return undefined;
    tail = [(four[0]! << 8) | four[1]!, (four[2]! << 8) | four[3]!];
    head = v4[1]!.endsWith('::') ? v4[1]! : v4[1]!.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const g = s.split(':');
    return g.every((x) => /^[0-9a-f]{1,4}$/i.test(x)) ? g.map((x) => parseInt(x, 16)) : undefined;
  };
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  if (!left || !right) return undefined;
  const known = left.length + right.length + tail.length;
  if (halves.length === 1) return known === 8 ? [...left, ...tail] : undefined;
  if (known > 7) return undefined;
  return [...left, ...new Array<number>(8 - known).fill(0), ...right, ...tail];
}

/** Whether an IP address is link-local or a known cloud-metadata address (IPv4-mapped too). */
export function isPrivateTarget(ip: string): boolean {
  const address = ip.replace(/%.*$/, '').replace(/^\[|\]$/g, ''); // a zone id is not part of it
  const four = ipv4(address);
  if (four) {
    // IPv4 link-local (the AWS, GCP, Azure and OpenStack metadata 169.254.169.254), Alibaba's.
    return (four[0] === 169 && four[1] === 254) || four.join('.') === '100.100.100.200';
  }
  const six = ipv6(address);
  if (!six) return false;
  const [a, b, c, d, e, f, g, h] = six as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) {
    return isPrivateTarget(`${g >> 8}.${g & 255}.${h >> 8}.${h & 255}`);
  }
  // IPv6 link-local fe80::/10; AWS metadata over IPv6 (Nitro) fd00:ec2::254.
  if ((a & 0xffc0) === 0xfe80) return true;
  return a === 0xfd00 && b === 0xec2 && c + d + e + f + g === 0 && h === 0x254;
}
