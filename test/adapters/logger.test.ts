import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogging, redact, redactText, type Logging } from '../../main/adapters/logger';
import { FAMILIES, type FamilyState, type Family, type Snapshot } from '../../main/shared/metrics';

let dir: string;
let logging: Logging | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostwatch-log-'));
});

afterEach(async () => {
  await logging?.close();
  logging = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function lines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}

function snapshot(time: number, cpu: number): Snapshot {
  const families = Object.fromEntries(
    FAMILIES.map((f) => [
      f,
      { status: f === 'temperature' ? 'unavailable' : 'ok', updatedAt: time },
    ]),
  ) as Record<Family, FamilyState>;
  return {
    time,
    mono: time,
    values: { 'cpu.total': cpu, 'disk.used_pct{/}': 42 },
    families,
    processes: {
      byCpu: [
        {
          pid: 7,
          name: 'mysqld',
          command: 'mysqld --password=hunter2',
          cpu: 90,
          memBytes: 1,
          memPct: 3,
        },
      ],
      byMemory: [],
      at: time,
    },
  };
}

describe('app log', () => {
  it('writes scoped lines to hostwatch.log, not to metrics.log', () => {
    logging = createLogging({ dir, maxFileMB: 1, keepFiles: 3, consoleLevel: false });
    logging.scope('sampler').info('started', { cadence: 1 });
    logging.scope('mailer').error('send failed', new Error('connection refused'));

    // The error's stack trace continues on further lines; entries start with a timestamp.
    const entries = lines(logging.appLogPath).filter((l) => l.startsWith('['));
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatch(
      /^\[\d{4}-\d\d-\d\d [\d:.]+\] \[info\]\s+\(sampler\)\s+started \{ cadence: 1 \}$/,
    );
    expect(entries[1]).toMatch(/\[error\]\s+\(mailer\)\s+send failed Error: connection refused$/);
    expect(logging.appLogPath).toBe(join(dir, 'hostwatch.log'));
    expect(readdirSync(dir)).not.toContain('metrics.log');
  });

  it('rotates at maxFileMB keeping exactly keepFiles numbered archives, newest first', () => {
    logging = createLogging({ dir, maxFileMB: 1 / 1024, keepFiles: 3, consoleLevel: false });
    const log = logging.scope('test');
    for (let i = 0; i < 200; i += 1)
      log.info(`line ${String(i).padStart(4, '0')} ${'x'.repeat(60)}`);

    expect(readdirSync(dir).sort()).toEqual([
      'hostwatch.1.log',
      'hostwatch.2.log',
      'hostwatch.3.log',
      'hostwatch.log',
    ]);
    const firstLine = (name: string): number =>
      Number(/line (\d+)/.exec(lines(join(dir, name))[0]!)![1]);
    // Each archive holds older lines than the one before it, and the oldest were deleted.
    expect(firstLine('hostwatch.log')).toBeGreaterThan(firstLine('hostwatch.1.log'));
    expect(firstLine('hostwatch.1.log')).toBeGreaterThan(firstLine('hostwatch.2.log'));
    expect(firstLine('hostwatch.2.log')).toBeGreaterThan(firstLine('hostwatch.3.log'));
    expect(firstLine('hostwatch.3.log')).toBeGreaterThan(0);
    expect(lines(join(dir, 'hostwatch.log')).at(-1)).toContain('line 0199');
    for (const name of readdirSync(dir)) {
      expect(readFileSync(join(dir, name)).length).toBeLessThan(1024 + 200);
    }
  });

  it('reconfigure lowers keepFiles and deletes the surplus archives', () => {
    logging = createLogging({ dir, maxFileMB: 1 / 1024, keepFiles: 4, consoleLevel: false });
    const log = logging.scope('test');
    for (let i = 0; i < 200; i += 1) log.info(`line ${i} ${'y'.repeat(60)}`);
    expect(readdirSync(dir)).toContain('hostwatch.4.log');

    logging.reconfigure({ keepFiles: 2 });
    for (let i = 0; i < 100; i += 1) log.info(`more ${i} ${'y'.repeat(60)}`);
    expect(readdirSync(dir).sort()).toEqual([
      'hostwatch.1.log',
      'hostwatch.2.log',
      'hostwatch.log',
    ]);
  });

  it('masks passwords, tokens and URL credentials without touching the caller’s objects', () => {
    logging = createLogging({ dir, maxFileMB: 1, keepFiles: 1, consoleLevel: false });
    const log = logging.scope('mailer');
    const options = { host: 'mail.example.com', auth: { user: 'ops', pass: 'hunter2' } };
    log.info('transport', options);
    log.info('connecting to smtps://ops:hunter2@mail.example.com:465');
    log.warn('request', {
      headers: { Authorization: 'Bearer s3cr3t-t0ken' },
      agentToken: 'tok-999',
    });
    log.error('failed', new Error('login failed for password=hunter2'));
    log.info('config {"smtpPassword":"hunter2","token": "tok-999"}');
    log.info('secrets set', { smtpPassword: true, agentToken: false });

    const text = readFileSync(logging.appLogPath, 'utf8');
    for (const secret of ['hunter2', 's3cr3t-t0ken', 'tok-999']) expect(text).not.toContain(secret);
    expect(text).toContain('smtps://ops:***@mail.example.com:465');
    expect(text).toContain("user: 'ops'");
    expect(text).toContain('smtpPassword: true'); // booleans say "set", not the secret
    expect(options.auth.pass).toBe('hunter2');
  });
});

describe('redaction helpers', () => {
  it.each([
    ['AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'AUTH PLAIN ***'],
    ['Authorization: Bearer abc.def.ghi', 'Authorization: ***'],
    ['GET /api/status?token=abcd&x=1', 'GET /api/status?token=***&x=1'],
    ['nothing secret here', 'nothing secret here'],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('survives cycles and keeps error fields', () => {
    const a: Record<string, unknown> = { name: 'a', password: 'p' };
    a.self = a;
    const err = Object.assign(new Error('x'), {
      code: 'EAUTH',
      response: '535 password=p rejected',
    });
    const out = redact({ a, err }) as {
      a: Record<string, unknown>;
      err: Error & { code: string; response: string };
    };
    expect(out.a.password).toBe('***');
    expect(out.err.code).toBe('EAUTH');
    expect(out.err.response).toBe('535 password=*** rejected');
  });
});

describe('metrics log', () => {
  it('writes one JSON line per cadence period by the injected clock', () => {
    let now = 0;
    logging = createLogging({
      dir,
      maxFileMB: 1,
      keepFiles: 1,
      metricsEverySeconds: 10,
      clock: { monotonic: () => now },
      consoleLevel: false,
    });
    for (let s = 0; s <= 35; s += 1) {
      now = s * 1000;
      logging.metrics.write(snapshot(1_700_000_000_000 + now, s));
    }
    const written = lines(logging.metricsLogPath).map(
      (l) => JSON.parse(l) as Record<string, unknown>,
    );
    expect(written.map((w) => (w.values as Record<string, number>)['cpu.total'])).toEqual([
      0, 10, 20, 30,
    ]);
    expect(written[1]).toMatchObject({
      time: new Date(1_700_000_010_000).toISOString(),
      families: { temperature: 'unavailable' },
      top: { cpu: [{ pid: 7, name: 'mysqld', cpu: 90 }] },
    });
    expect(readFileSync(logging.metricsLogPath, 'utf8')).not.toContain('hunter2');
    expect(readdirSync(dir)).toEqual(['metrics.log']);
  });

  it('writes nothing at 0 and resumes after reconfigure', () => {
    let now = 0;
    logging = createLogging({
      dir,
      maxFileMB: 1,
      keepFiles: 1,
      metricsEverySeconds: 0,
      clock: { monotonic: () => now },
      consoleLevel: false,
    });
    for (let s = 0; s < 5; s += 1) {
      now = s * 1000;
      logging.metrics.write(snapshot(now, s));
    }
    expect(readdirSync(dir)).not.toContain('metrics.log');

    logging.reconfigure({ metricsEverySeconds: 2 });
    for (let s = 5; s < 10; s += 1) {
      now = s * 1000;
      logging.metrics.write(snapshot(now, s));
    }
    expect(
      lines(logging.metricsLogPath).map(
        (l) => (JSON.parse(l) as { values: Record<string, number> }).values['cpu.total'],
      ),
    ).toEqual([5, 7, 9]);
  });

  it('drops writes after close', async () => {
    logging = createLogging({ dir, maxFileMB: 1, keepFiles: 1, consoleLevel: false });
    logging.scope('x').info('before');
    await logging.close();
    logging.scope('x').info('after');
    expect(lines(logging.appLogPath)).toHaveLength(1);
  });
});
