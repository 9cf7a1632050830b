import { describe, expect, it } from 'vitest';
import { renderEmail, renderTestEmail } from '../../main/core/email-text';
import type { AlertBatch, BatchContext } from '../../main/core/ports';
import { escapeControl, hasControl, sanitizeCommand } from '../../main/shared/sanitize';
import { DEFAULT_SETTINGS, settingsSchema } from '../../main/shared/settings';

describe('sanitizeCommand', () => {
  it.each([
    ['mailer --smtp smtp://alerts:Hunter2pw@127.0.0.1:25', 'Hunter2pw', 'smtp://alerts:***@'],
    ['node agent.js --smtp=smtps://u:S3cr3t@mail:465', 'S3cr3t', 'smtps://u:***@mail'],
    ['git clone https://ghp_TOKEN123@github.com/x/y', 'ghp_TOKEN123', 'https://***@github.com'],
    ['mysqldump --password=Swordfish db', 'Swordfish', '--password=***'],
    ['mysql --password Swordfish2 db', 'Swordfish2', '--password *** db'],
    ['env MYSQL_PWD=Pw9 API_TOKEN=tok7 run', 'Pw9', 'MYSQL_PWD=***'],
    ['env MYSQL_PWD=Pw9 API_TOKEN=tok7 run', 'tok7', 'API_TOKEN=***'],
    ['curl https://h/x?access_token=abc123&page=2', 'abc123', '?access_token=***&page=2'],
    ['app --client-secret s3 --verbose', 's3', '--client-secret *** --verbose'],
  ])('%s hides %s', (cmd, secret, shown) => {
    const out = sanitizeCommand(cmd);
    expect(out).not.toContain(secret);
    expect(out).toContain(shown);
  });

  it('keeps ordinary commands as they are', () => {
    const cmd = 'nginx: worker process --conf=/etc/nginx.conf -p 8080 https://example.com/a';
    expect(sanitizeCommand(cmd)).toBe(cmd);
  });

  it('masks an argument holding spaces whole when given the argument vector', () => {
    const out = sanitizeCommand(['tool', '--password', 'two words', '--x=1']);
    expect(out).toBe('tool --password *** --x=1');
  });

  it('escapes control characters', () => {
    expect(sanitizeCommand('evil\u001b[2J\r\nFAKE')).toBe('evil\\x1b[2J\\x0d\\x0aFAKE');
  });
});

describe('escapeControl', () => {
  it('escapes C0, DEL, C1 and bidi overrides and leaves other text alone', () => {
    expect(escapeControl('a\tb\u007fc\u009bd\u202ee 한국')).toBe(
      'a\\x09b\\x7fc\\x9bd\\u202ee 한국',
    );
    expect(hasControl('web01')).toBe(false);
    expect(hasControl('web\n01')).toBe(true);
  });
});

describe('display name', () => {
  const withName = (displayName: string) => ({
    ...DEFAULT_SETTINGS,
    general: { ...DEFAULT_SETTINGS.general, displayName },
  });

  it.each(['web01\r\nBcc: x@example.com', 'web01\n', 'a\u001b[31mred', 'tab\there'])(
    'refuses %j with a field error in words',
    (name) => {
      const parsed = settingsSchema.safeParse(withName(name));
      expect(parsed.success).toBe(false);
      const issue = parsed.error!.issues[0]!;
      expect(issue.path.join('.')).toBe('general.displayName');
      expect(issue.message).toBe('Line breaks and other control characters are not allowed');
    },
  );

  it('accepts an ordinary name, trimmed', () => {
    const parsed = settingsSchema.parse(withName('  웹 서버 01  '));
    expect(parsed.general.displayName).toBe('웹 서버 01');
  });
});

describe('email text from hostile names', () => {
  const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
  const context: BatchContext = {
    hostname: 'web01\r\n\u001b[2Jevil',
    dashboardUrl: '',
    language: 'en',
    createdAt: T0,
    processes: {
      at: T0,
      byCpu: [{ pid: 7, name: 'x\nFAKE LINE', command: 'x', cpu: 99, memBytes: 1e6, memPct: 1 }],
      byMemory: [],
    },
  };
  const batch: AlertBatch = {
    id: 'b',
    context,
    messages: [
      {
        id: 'm',
        kind: 'firing',
        ruleId: 'cpu',
        series: 'cpu.total',
        metric: 'cpu.total',
        severity: 'critical',
        value: 97,
        threshold: 90,
        since: T0 - 60_000,
        at: T0,
      },
    ],
  };

  it('escapes control characters in the host and process names of the body', () => {
    const email = renderEmail(batch, { subjectPrefix: '' });
    for (const part of [email.text, email.html]) {
      expect(part).not.toContain('\u001b');
      expect(part).not.toContain('\r');
      expect(part).not.toMatch(/^FAKE LINE/m);
      expect(part).not.toMatch(/^evil/m);
    }
    expect(email.text).toContain('x\\x0aFAKE LINE (pid 7)');
    expect(email.text).toContain('web01\\x0d\\x0a\\x1b[2Jevil');
  });

  it('escapes them in the test email too', () => {
    const email = renderTestEmail(context, { subjectPrefix: '' });
    expect(email.text).not.toContain('\u001b');
    expect(email.text).toContain('web01\\x0d\\x0a\\x1b[2Jevil');
  });
});
