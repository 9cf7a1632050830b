/** Log lines cannot be forged or turned into terminal escapes by a hostile name. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createLogging, type Logging } from '../../main/adapters/logger';

let dir: string | undefined;
let logging: Logging | undefined;

afterEach(async () => {
  await logging?.close();
  logging = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('escapes CR, LF and ESC in logged text, so one call is one line', () => {
  dir = mkdtempSync(join(tmpdir(), 'hostwatch-logctl-'));
  logging = createLogging({ dir, maxFileMB: 1, keepFiles: 2, consoleLevel: false });
  logging
    .scope('rules')
    .info('Rule disk on /mnt/x\n[2026-01-01 00:00:00.000] [error] FORGED', '\u001b[2Jname\r');
  const lines = readFileSync(logging.appLogPath, 'utf8').split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('/mnt/x\\x0a[2026-01-01');
  expect(lines[0]).toContain('\\x1b[2Jname\\x0d');
  expect(lines[0]).not.toContain('\u001b');
  expect(lines[0]).not.toContain('\r');
});
