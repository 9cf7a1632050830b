import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  formatDuration,
  renderEmail,
  renderTestEmail,
} from '../../main/core/email-text';
import type { AlertBatch, AlertMessage, BatchContext } from '../../main/core/ports';
import type { TopProcesses } from '../../main/shared/metrics';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const smtp = { subjectPrefix: '[Hostwatch]' };

const processes: TopProcesses = {
  at: T0,
  byCpu: [
    {
      pid: 101,
      name: 'php-fpm',
      command: 'php-fpm: pool www',
      cpu: 180.4,
      memBytes: 300e6,
      memPct: 3.5,
    },
  ],
  byMemory: [
    { pid: 202, name: 'mysqld', command: 'mysqld', cpu: 5, memBytes: 6 * 1024 ** 3, memPct: 75.2 },
  ],
};

function ctx(over: Partial<BatchContext> = {}): BatchContext {
  return { hostname: 'web01', dashboardUrl: '', language: 'en', processes, createdAt: T0, ...over };
}

function msg(over: Partial<AlertMessage> = {}): AlertMessage {
  return {
    id: 'm',
    kind: 'firing',
    ruleId: 'cpu',
    series: 'cpu.total',
    metric: 'cpu.total',
    severity: 'critical',
    value: 97.2,
    threshold: 95,
    since: T0 - 5 * 60_000,
    at: T0,
    ...over,
  };
}

function batch(messages: AlertMessage[], c: Partial<BatchContext> = {}): AlertBatch {
  return { id: 'b', messages, context: ctx(c) };
}

describe('renderEmail', () => {
  it('says host, state word and metric in the subject, the same text for a whole episode', () => {
    expect(renderEmail(batch([msg()]), smtp).subject).toBe('[Hostwatch] CRITICAL web01: CPU');
    const resolved = msg({ kind: 'resolved', value: 42, threshold: 75 });
    expect(renderEmail(batch([resolved]), smtp).subject).toBe('[Hostwatch] RESOLVED web01: CPU');
    const reminder = msg({
      kind: 'reminder',
      severity: 'warning',
      value: 88,
      since: T0 - 65 * 60_000,
    });
    expect(renderEmail(batch([reminder]), smtp).subject).toBe('[Hostwatch] WARNING web01: CPU');
    // Value and duration moved from the subject to the body's first line.
    expect(renderEmail(batch([reminder]), smtp).text).toMatch(
      /^WARNING — CPU 88% for 1 h 5 min \(still firing\)$/m,
    );
  });

  it('summarises a grouped batch with the worst severity first', () => {
    const disk = msg({
      id: 'd',
      ruleId: 'disk',
      metric: 'disk.used_pct',
      target: '/',
      series: 'disk.used_pct{/}',
      value: 96,
      severity: 'warning',
    });
    const mem = msg({
      id: 'x',
      ruleId: 'memory',
      metric: 'mem.used_pct',
      series: 'mem.used_pct',
      value: 91,
      severity: 'warning',
    });
    const s = renderEmail(batch([disk, msg(), mem]), smtp).subject;
    expect(s).toBe('[Hostwatch] CRITICAL web01: 3 alerts (CPU, Disk /, …)');
  });

  it('puts value, threshold, duration, top processes and the dashboard in both bodies', () => {
    const r = renderEmail(batch([msg()], { dashboardUrl: 'https://mon.example.com/' }), smtp);
    for (const body of [r.text, r.html]) {
      expect(body).toContain('97%');
      expect(body).toContain('95%');
      expect(body).toContain('5 min');
      expect(body).toContain('php-fpm (pid 101)');
      expect(body).toContain('https://mon.example.com/');
    }
    expect(r.text).not.toContain('mysqld'); // CPU alerts list CPU hogs
    const m = renderEmail(batch([msg({ metric: 'mem.used_pct', series: 'mem.used_pct' })]), smtp);
    expect(m.text).toContain('mysqld (pid 202): 6 GiB (75.2%)');
  });

  it('escapes HTML and keeps control characters out of the subject', () => {
    const r = renderEmail(batch([msg()], { hostname: 'web<script>\r\nBcc: x@evil.test' }), {
      subjectPrefix: '[HW]\r\n',
    });
    expect(r.subject).not.toMatch(/[\r\n]/);
    expect(r.subject.startsWith('[HW] CRITICAL web<script> Bcc:')).toBe(true);
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('web&lt;script&gt;');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });

  it('keeps a storm readable: the first 50 alerts in full, the rest counted', () => {
    const many = Array.from({ length: 120 }, (_, i) => msg({ id: `m${i}`, value: 96 + (i % 3) }));
    const r = renderEmail(batch(many), smtp);
    expect(r.subject).toBe('[Hostwatch] CRITICAL web01: 120 alerts (CPU)');
    expect(r.text.match(/^CRITICAL — /gm)).toHaveLength(50);
    expect(r.text).toContain('…and 70 more alert(s)');
    expect(r.html).toContain('…and 70 more alert(s)');
  });

  it('writes Korean', () => {
    const r = renderEmail(batch([msg()], { language: 'ko' }), smtp);
    expect(r.subject).toBe('[Hostwatch] 심각 web01: CPU');
    expect(r.text).toContain('임계값');
    const g = renderEmail(
      batch([msg(), msg({ id: 'z', kind: 'resolved', value: 40 })], { language: 'ko' }),
      smtp,
    );
    expect(g.subject).toBe('[Hostwatch] 심각 web01: 알림 2건 (CPU)');
    expect(renderTestEmail(ctx({ language: 'ko' }), smtp).subject).toBe(
      '[Hostwatch] web01에서 보낸 테스트 메일',
    );
  });
});

describe('formatDuration', () => {
  it('formats durations', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
    expect(formatDuration(26 * 3_600_000)).toBe('1 d 2 h');
    expect(formatDuration(5 * 60_000, 'ko')).toBe('5분');
    expect(formatDuration(5 * 60_000 + 12_400)).toBe('5 min 12 s');
  });
});
