/**
 * A host to watch, written as one URL: `https://:TOKEN@web01.example.com:9477#sha256=AB:CD:…`.
 * Parsed here, once, into the address (never carrying the token), the token and the pin, with
 * an error in words for everything that cannot be right.
 *
 * Decisions: no port means the agent's default 9477 (with a note, since agents usually run
 * there); a path or query is refused (an agent answers at its root, and a path usually means a
 * pasted dashboard link); `http://` is accepted only for loopback; `https://` needs a pin
 * (`#sha256=…`) unless the user chose to trust the system CAs (`#trust=system-ca`); a token is
 * required beyond loopback, as the agent requires one there.
 */
import { DEFAULT_AGENT_PORT } from './protocol';
import { isLoopbackHost } from './settings';

/** A parsed host to watch. */
export interface WatchTarget {
  /** `https://host:port` (or `http://` on loopback): no token, no path, no fragment. */
  readonly url: string;
  /** Host name or address, without IPv6 brackets. */
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** Bearer token; empty only for a loopback agent without one. */
  readonly token: string;
  /** Pinned certificate fingerprint, `SHA256:AB:CD:…`, or null. */
  readonly fingerprint: string | null;
  /** Accept a certificate signed by a system CA (only then is an unpinned https target valid). */
  readonly trustSystemCa: boolean;
  /** Things worth telling the user that are not errors, e.g. the default port was used. */
  readonly notes: readonly string[];
}

/** Parse outcome: the target, or an error in words. */
export type WatchTargetResult =
  | { readonly ok: true; readonly target: WatchTarget }
  | { readonly ok: false; readonly error: string };

const FINGERPRINT_HEX = /^[0-9a-f]{64}$/i;

/**
 * Normalises a SHA-256 fingerprint written as `SHA256:AB:CD:…`, `ab:cd:…` or 64 hex digits to
 * `SHA256:AB:CD:…`; null when it is not one.
 */
export function normalizeFingerprint(input: string): string | null {
  const hex = input
    .trim()
    .replace(/^sha-?256[:=]?/i, '')
    .replace(/[:\s]/g, '');
  if (!FINGERPRINT_HEX.test(hex)) return null;
  return `SHA256:${hex.toUpperCase().match(/../g)!.join(':')}`;
}

/** The identity of a target for duplicate checks: scheme, host and port, lower case. */
export function targetKey(target: Pick<WatchTarget, 'host' | 'port' | 'tls'>): string {
  return `${target.tls ? 'https' : 'http'}://${target.host.toLowerCase()}:${target.port}`;
}

/** A target for logs and screens: the URL and the pin, never the token. */
export function describeTarget(target: WatchTarget): string {
  if (target.fingerprint) return `${target.url} (pinned ${target.fingerprint})`;
  return target.tls && target.trustSystemCa ? `${target.url} (system CAs)` : target.url;
}

function fail(error: string): WatchTargetResult {
  return { ok: false, error };
}

/** Splits `[::1]:9477`, `host:9477` or `host` into name and explicit port text. */
function splitHostPort(hostPort: string): { name: string; port: string | null } | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d*))?$/.exec(hostPort);
  if (!m?.[1]) return null;
  return { name: m[1].replace(/^\[|\]$/g, ''), port: m[2] ?? null };
}

function parseFragment(
  fragment: string,
): { fingerprint: string | null; trustSystemCa: boolean } | string {
  let fingerprint: string | null = null;
  let trustSystemCa = false;
  for (const part of fragment.split('&').filter((p) => p !== '')) {
    const [key = '', value = ''] = part.split('=', 2);
    if (key.toLowerCase() === 'sha256') {
      fingerprint = normalizeFingerprint(decodeURIComponent(value));
      if (fingerprint === null) {
        return `"#sha256=${value}" is not a SHA-256 fingerprint: expected 32 hex pairs such as AB:CD:… (the agent prints it at start and with --print-fingerprint)`;
      }
    } else if (key.toLowerCase() === 'trust' && value === 'system-ca') {
      trustSystemCa = true;
    } else {
      return `Unknown "#${part}" after the address: use #sha256=AB:CD:… to pin the agent's certificate, or #trust=system-ca`;
    }
  }
  return { fingerprint, trustSystemCa };
}

/** Parses one watch URL. */
export function parseWatchTarget(input: string): WatchTargetResult {
  const raw = input.trim();
  if (raw === '') return fail('The address is empty');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    return fail(
      `"${raw.slice(0, 80)}" is not a URL: write https://:TOKEN@host:9477#sha256=AB:CD:…`,
    );
  }
  if (scheme !== 'https' && scheme !== 'http') {
    return fail(`Only https:// addresses can be watched, not ${scheme}://`);
  }
  const rest = raw.slice(scheme.length + 3);
  const hashAt = rest.indexOf('#');
  const beforeHash = hashAt === -1 ? rest : rest.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : rest.slice(hashAt + 1);
  const pathAt = beforeHash.search(/[/?]/);
  const authority = pathAt === -1 ? beforeHash : beforeHash.slice(0, pathAt);
  const pathAndQuery = pathAt === -1 ? '' : beforeHash.slice(pathAt);
  if (pathAndQuery !== '' && pathAndQuery !== '/') {
    return fail(
      `The address has a path or query ("${pathAndQuery.slice(0, 60)}"): give only the agent's host and port, e.g. https://:TOKEN@web01.example.com:9477`,
    );
  }
  const at = authority.lastIndexOf('@');
  const userinfo = at === -1 ? '' : authority.slice(0, at);
  const hostPort = authority.slice(at + 1);
  let token = '';
  if (userinfo !== '') {
    const colon = userinfo.indexOf(':');
    if (colon !== 0) {
      return fail('Put the token after a colon, before the @: https://:TOKEN@host:9477');
    }
    try {
      token = decodeURIComponent(userinfo.slice(1));
    } catch {
      return fail('The token is not valid URL text (a stray % sign?)');
    }
  }
  const hp = splitHostPort(hostPort);
  if (hp === null || hp.name === '') return fail(`"${hostPort}" is not a host name or address`);
  const host = hp.name.toLowerCase();
  // Let the URL parser judge the host name (IDN, bad characters), then rebuild the URL ourselves.
  let canonicalHost: string;
  try {
    canonicalHost = new URL(`${scheme}://${hostPort.includes('[') ? `[${host}]` : host}/`).hostname;
  } catch {
    return fail(`"${hp.name}" is not a valid host name or address`);
  }
  const notes: string[] = [];
  let port = DEFAULT_AGENT_PORT;
  if (hp.port === null || hp.port === '') {
    notes.push(`No port given: using the agent's default port ${DEFAULT_AGENT_PORT}`);
  } else {
    port = Number(hp.port);
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      return fail(`Port ${hp.port} is out of range (1–65535)`);
    }
  }
  const loopback = isLoopbackHost(host);
  const tls = scheme === 'https';
  if (!tls && !loopback) {
    return fail(
      `http:// to ${host} would send the token in clear text: use https:// (agents beyond loopback serve HTTPS)`,
    );
  }
  const frag = parseFragment(fragment);
  if (typeof frag === 'string') return fail(frag);
  if (tls && frag.fingerprint === null && !frag.trustSystemCa) {
    return fail(
      'No certificate pin: add #sha256=AB:CD:… (the agent prints its fingerprint at start and with --print-fingerprint), or #trust=system-ca for a certificate from a public CA',
    );
  }
  if (!tls && (frag.fingerprint !== null || frag.trustSystemCa)) {
    return fail('A pin or #trust needs https://: plain http:// has no certificate');
  }
  if (token === '' && !loopback) {
    return fail(`A token is needed for ${host}: https://:TOKEN@${hostPort}`);
  }
  return {
    ok: true,
    target: {
      url: `${scheme}://${canonicalHost}:${port}`,
      host: canonicalHost.replace(/^\[|\]$/g, ''),
      port,
      tls,
      token,
      fingerprint: frag.fingerprint,
      trustSystemCa: frag.trustSystemCa,
      notes,
    },
  };
}

/** One line of a watch file that could not be used. */
export interface WatchFileError {
  readonly line: number;
  readonly error: string;
}

/**
 * Parses a watch file: one URL a line; blank lines and lines starting with `#` are skipped; a
 * host given twice is an error on its second line.
 */
export function parseWatchFile(text: string): {
  readonly targets: readonly WatchTarget[];
  readonly errors: readonly WatchFileError[];
} {
  const targets: WatchTarget[] = [];
  const errors: WatchFileError[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const parsed = parseWatchTarget(line);
    if (!parsed.ok) {
      errors.push({ line: index + 1, error: parsed.error });
      return;
    }
    const key = targetKey(parsed.target);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        line: index + 1,
        error: `${parsed.target.url} is already watched (line ${first})`,
      });
      return;
    }
    seen.set(key, index + 1);
    targets.push(parsed.target);
  });
  return { targets, errors };
}
