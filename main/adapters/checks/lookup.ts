/**
 * How checks resolve names: the system resolver (getaddrinfo, at most two lookups at once),
 * optionally in front of it names pinned to addresses like curl's `--resolve` (agent
 * `--resolve NAME:ADDRESS`: try a site on a new server before its DNS moves). The same lookup
 * answers the form's "where does this name go" question, so its warning and the run agree.
 */
import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';

/** One resolved address. */
export interface LookupAddress {
  readonly address: string;
  readonly family: number;
}

/** Resolves a host name to every address (getaddrinfo's order); family 0 is either. */
export type HostLookup = (host: string, family: 0 | 4 | 6) => Promise<LookupAddress[]>;

/**
 * getaddrinfo runs on libuv's thread pool (4 threads by default), which file I/O of the engine
 * shares; a slow resolver could hold every thread for seconds. At most two lookups at once.
 */
const LOOKUP_SLOTS = 2;
let lookupsRunning = 0;
const lookupQueue: (() => void)[] = [];

/** The system resolver, at most {@link LOOKUP_SLOTS} lookups at once. */
export const systemLookup: HostLookup = async (host, family) => {
  if (lookupsRunning >= LOOKUP_SLOTS) await new Promise<void>((r) => lookupQueue.push(r));
  else lookupsRunning += 1;
  try {
    return await dns.lookup(host, { all: true, family, verbatim: true });
  } finally {
    const next = lookupQueue.shift();
    if (next) next();
    else lookupsRunning -= 1;
  }
};

/** Names pinned to addresses (lower-case name → addresses). */
export type PinnedNames = ReadonlyMap<string, readonly string[]>;

/**
 * Parses `NAME:ADDRESS` pins (an IPv6 address after the first colon as it is, or in
 * brackets); a name given twice gets every address. Throws an Error in words.
 */
export function parsePins(pins: readonly string[]): PinnedNames {
  const out = new Map<string, string[]>();
  pins.forEach((pin, i) => {
    const colon = pin.indexOf(':');
    const name = pin.slice(0, colon).trim().toLowerCase();
    const address = pin
      .slice(colon + 1)
      .trim()
      .replace(/^\[(.*)\]$/, '$1');
    if (colon <= 0 || !/^[a-z0-9.-]+$/.test(name) || isIP(address) === 0) {
      throw new Error(
        `--resolve (number ${i + 1}): write it as NAME:ADDRESS, e.g. shop.example.com:192.0.2.10 or shop.example.com:[2001:db8::10]`,
      );
    }
    out.set(name, [...(out.get(name) ?? []), address]);
  });
  return out;
}

/** A lookup that answers pinned names itself and asks `fallback` for every other name. */
export function pinnedLookup(pins: PinnedNames, fallback: HostLookup = systemLookup): HostLookup {
  if (pins.size === 0) return fallback;
  return (host, family) => {
    const pinned = pins.get(host.toLowerCase().replace(/\.$/, ''));
    if (!pinned) return fallback(host, family);
    return Promise.resolve(
      pinned
        .map((address) => ({ address, family: isIP(address) }))
        .filter((a) => family === 0 || a.family === family),
    );
  };
}
