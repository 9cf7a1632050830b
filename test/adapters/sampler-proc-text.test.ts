import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readProcText } from '../../main/adapters/sampler/proc-text';

const dir = mkdtempSync(join(tmpdir(), 'hostwatch-proc-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readProcText', () => {
  it('reads real /proc files (size 0 in stat) whole, as readFileSync does', () => {
    for (const path of ['/proc/self/status', '/proc/meminfo', '/proc/mounts', '/proc/self/maps']) {
      const expected = readFileSync(path, 'latin1').split('\n')[0];
      const text = readProcText(path);
      expect(text.length).toBeGreaterThan(0);
      expect(text.split('\n')[0]).toBe(expected);
    }
    expect(readProcText(`/proc/${process.pid}/stat`)).toMatch(new RegExp(`^${process.pid} \\(`));
  });

  it('reads a file larger than its buffer, several times over, without mixing them up', () => {
    const big = Buffer.alloc(100_000);
    for (let i = 0; i < big.length; i++) big[i] = i % 256; // every byte value, 0x80–0xff too
    const bigPath = join(dir, 'big');
    writeFileSync(bigPath, big);
    const smallPath = join(dir, 'small');
    writeFileSync(smallPath, Buffer.from([0x61, 0xe9, 0x29, 0x20, 0xff])); // "aé) ÿ" in latin1
    expect(readProcText(bigPath)).toBe(big.toString('latin1'));
    expect(readProcText(smallPath)).toBe('a\u00e9) \u00ff');
    expect(readProcText(bigPath)).toBe(big.toString('latin1'));
    writeFileSync(join(dir, 'empty'), '');
    expect(readProcText(join(dir, 'empty'))).toBe('');
  });

  it('throws ENOENT for a process that has exited', () => {
    expect(() => readProcText('/proc/999999999/stat')).toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
  });
});
