/**
 * Name resolution and TCP connect for one check, timed per phase, with the family choice,
 * the link-local / metadata refusal and a fallback to the next address when one refuses.
 */
import { connect, isIP, type Socket } from 'node:net';
import { isPrivateTarget } from './address';
import { CheckError, waitFor, type RunContext } from './context';

/** The address family a check may use. */
export type IpFamily = 'any' | '4' | '6';

/** Where to connect and what the user allowed. */
export interface ConnectTarget {
  /** Host name or IP address (brackets around IPv6 allowed). */
  readonly host: string;
  readonly port: number;
  readonly family: IpFamily;
  readonly allowPrivate: boolean;
}

const NOT_FOUND = new Set(['ENOTFOUND', 'EAI_NONAME', 'NXDOMAIN']);
const NO_DATA = new Set(['ENODATA', 'EAI_NODATA', 'EAI_ADDRFAMILY']);
const NEXT_ADDRESS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** Resolves the host (no lookup for an IP literal) and connects; the socket is tracked by ctx. */
export async function connectTcp(ctx: RunContext, target: ConnectTarget): Promise<Socket> {
  const addresses = await resolve(ctx, target.host, target.family);
  const refused = target.allowPrivate ? undefined : addresses.find(isPrivate);
  if (refused) throw new CheckError({ kind: 'private-target', address: refused });

  const finish = ctx.enter('connect', 'connect');
  let lastError: unknown;
  for (const address of addresses.slice(0, 4)) {
    const socket = ctx.track(connect({ host: address, port: target.port }));
    try {
      await waitFor(ctx, socket, 'connect');
      finish();
      return socket;
    } catch (err) {
      socket.destroy();
      lastError = err;
      if (!NEXT_ADDRESS.has(codeOf(err))) break;
    }
  }
  throw lastError;
}

/**
 * {@link isPrivateTarget}, remembered per address: a check connects to the same few addresses
 * run after run, and the parse behind the answer is pure. Bounded: the oldest goes first.
 */
const privateAnswers = new Map<string, boolean>();
const PRIVATE_ANSWERS_MAX = 1_024;

function isPrivate(address: string): boolean {
  let answer = privateAnswers.get(address);
  if (answer === undefined) {
    answer = isPrivateTarget(address);
    if (privateAnswers.size >= PRIVATE_ANSWERS_MAX) {
      privateAnswers.delete(privateAnswers.keys().next().value!);
    }
    privateAnswers.set(address, answer);
  }
  return answer;
}

/** Resolves the host to its addresses (an IP literal as it is) in the run's DNS phase. */
export async function resolve(
  ctx: RunContext,
  rawHost: string,
  family: IpFamily,
): Promise<string[]> {
  const host = rawHost.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(host);
  if (literal !== 0) {
    if (family !== 'any' && String(literal) !== family) {
      throw new CheckError({ kind: 'dns-no-address', host, family });
    }
    return [host];
  }
  const finish = ctx.enter('dns', 'dns');
  const wanted = family === 'any' ? 0 : Number(family);
  try {
    const found = await ctx.race(ctx.lookup(host, wanted as 0 | 4 | 6));
    finish();
    if (found.length === 0) throw new CheckError({ kind: 'dns-no-address', host, family });
    return found.map((a) => a.address);
  } catch (err) {
    if (err instanceof CheckError) throw err;
    const code = codeOf(err);
    if (NO_DATA.has(code)) throw new CheckError({ kind: 'dns-no-address', host, family });
    if (!NOT_FOUND.has(code)) throw new CheckError({ kind: 'dns-failed', host });
    // getaddrinfo says "not found" when the name exists in the other family only.
    if (family !== 'any' && (await existsAtAll(ctx, host))) {
      throw new CheckError({ kind: 'dns-no-address', host, family });
    }
    throw new CheckError({ kind: 'dns-not-found', host });
  }
}

async function existsAtAll(ctx: RunContext, host: string): Promise<boolean> {
  try {
    return (await ctx.race(ctx.lookup(host, 0))).length > 0;
  } catch (err) {
    if (err instanceof CheckError) throw err;
    return false;
  }
}

/** The system error code of an error, or ''. */
export function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}
