/** Parsing watch URLs and watch files: every accepted form and every refusal in words. */
import { describe, expect, it } from 'vitest';
import {
  normalizeFingerprint,
  parseWatchFile,
  parseWatchTarget,
  type WatchTargetResult,
} from '../../main/shared/watch-target';

const FP =
  'SHA256:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const HEX = FP.slice(7).replace(/:/g, '').toLowerCase();

function error(r: WatchTargetResult): string {
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('parseWatchTarget', () => {
  it('splits the URL into address, token and pin; the token never stays in the URL', () => {
    const r = parseWatchTarget(`https://:s3cr%2Ft@Web01.Example.com:9477#sha256=${FP}`);
    expect(r).toEqual({
      ok: true,
      target: {
        url: 'https://web01.example.com:9477',
        host: 'web01.example.com',
        port: 9477,
        tls: true,
        token: 's3cr/t',
        fingerprint: FP,
        trustSystemCa: false,
        notes: [],
      },
    });
  });

  it('accepts a pin in any common spelling and IPv6 hosts', () => {
    const r = parseWatchTarget(`https://:t@[::1]:1234#sha256=${HEX}`);
    expect(r.ok && r.target).toMatchObject({
      url: 'https://[::1]:1234',
      host: '::1',
      fingerprint: FP,
    });
    expect(normalizeFingerprint(`SHA256:${HEX}`)).toBe(FP);
    expect(normalizeFingerprint('AB:CD')).toBeNull();
  });

  it('uses the default port with a note when none is given', () => {
    const r = parseWatchTarget(`https://:t@web01#sha256=${FP}`);
    expect(r.ok && r.target.port).toBe(9477);
    expect(r.ok && r.target.notes[0]).toMatch(/default port 9477/);
  });

  it('accepts an unpinned https target only when trusting the system CAs', () => {
    expect(error(parseWatchTarget('https://:t@web01:9477'))).toMatch(/No certificate pin/);
    const r = parseWatchTarget('https://:t@web01:9477#trust=system-ca');
    expect(r.ok && r.target).toMatchObject({ fingerprint: null, trustSystemCa: true });
  });

  it('refuses what cannot be right, in words', () => {
    expect(error(parseWatchTarget(`https://:t@web01:9477/dashboard#sha256=${FP}`))).toMatch(/path/);
    expect(error(parseWatchTarget(`https://:t@web01:9477/?x=1#sha256=${FP}`))).toMatch(
      /path or query/,
    );
    expect(error(parseWatchTarget('http://:t@web01:9477'))).toMatch(/clear text/);
    expect(error(parseWatchTarget('ftp://web01'))).toMatch(/Only https/);
    expect(error(parseWatchTarget('web01:9477'))).toMatch(/not a URL/);
    expect(error(parseWatchTarget(`https://t@web01:9477#sha256=${FP}`))).toMatch(/after a colon/);
    expect(error(parseWatchTarget(`https://web01:9477#sha256=${FP}`))).toMatch(/token is needed/);
    expect(error(parseWatchTarget(`https://:t@web01:99999#sha256=${FP}`))).toMatch(/out of range/);
    expect(error(parseWatchTarget('https://:t@web01:9477#sha256=zz'))).toMatch(/not a SHA-256/);
    expect(error(parseWatchTarget('https://:t@web01:9477#pin=1'))).toMatch(/Unknown/);
    expect(error(parseWatchTarget(''))).toMatch(/empty/);
  });

  it('allows plain http and no token on loopback only', () => {
    const r = parseWatchTarget('http://127.0.0.2:9477');
    expect(r.ok && r.target).toMatchObject({ tls: false, token: '', url: 'http://127.0.0.2:9477' });
  });
});

describe('parseWatchFile', () => {
  it('reads one URL a line, skips comments, refuses duplicates and bad lines by number', () => {
    const text = [
      '# fleet',
      `https://:a@web01:9477#sha256=${FP}`,
      '',
      `https://:b@WEB01:9477#sha256=${FP}`,
      'https://:c@web02:9477/x#trust=system-ca',
      'https://:d@web03:9477#trust=system-ca',
    ].join('\n');
    const { targets, errors } = parseWatchFile(text);
    expect(targets.map((t) => t.host)).toEqual(['web01', 'web03']);
    expect(errors).toEqual([
      { line: 4, error: 'https://web01:9477 is already watched (line 2)' },
      { line: 5, error: expect.stringMatching(/path/) as unknown },
    ]);
  });
});
