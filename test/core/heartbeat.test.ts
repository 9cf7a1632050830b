/** The heartbeat schedule on a fake clock: daily email at its local hour, pings held back when critical or paused. */
import { describe, expect, it } from 'vitest';
import { Heartbeat, nextDailyAt, pingSkipReason, type PingSkip } from '../../main/core/heartbeat';
import { renderHeartbeatEmail } from '../../main/core/heartbeat-text';
import type { Status } from '../../main/shared/contract';
import {
  DEFAULT_HEARTBEAT,
  DEFAULT_SETTINGS,
  settingsSchema,
  type HeartbeatSettings,
} from '../../main/shared/settings';
import { FakeClock } from '../fixtures/fake-clock';
import { makeStatus } from '../fixtures/status';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** A local date-time as wall-clock ms. */
function local(y: number, mo: number, d: number, h: number, mi = 0): number {
  return new Date(y, mo, d, h, mi, 0, 0).getTime();
}

function setup(status: Status | null = makeStatus(), start = local(2026, 0, 5, 8, 30)) {
  const clock = new FakeClock(start);
  const emails: number[] = [];
  const pings: number[] = [];
  const skips: PingSkip[] = [];
  let current = status;
  const hb = new Heartbeat({
    clock,
    status: () => current,
    sendEmail: (at) => {
      emails.push(at);
      return Promise.resolve();
    },
    ping: () => {
      pings.push(clock.now());
      return Promise.resolve();
    },
    skipped: (r) => skips.push(r),
  });
  return { clock, hb, emails, pings, skips, set: (s: Status | null) => (current = s) };
}

const on = (over: Partial<HeartbeatSettings['url']> = {}, hour = 9): HeartbeatSettings => ({
  email: { enabled: true, hour },
  url: { enabled: true, url: 'https://hc.example/ping/1', intervalMinutes: 5, ...over },
});

/** Lets promise callbacks (re-arming after a send) run. */
const flush = () => new Promise((r) => setImmediate(r));

async function advance(clock: FakeClock, ms: number, step = MIN): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    clock.advance(Math.min(step, ms - t));
    await flush();
  }
}

describe('nextDailyAt', () => {
  it('is today at the hour before it, tomorrow at and after it', () => {
    expect(nextDailyAt(local(2026, 0, 5, 8, 59), 9)).toBe(local(2026, 0, 5, 9));
    expect(nextDailyAt(local(2026, 0, 5, 9), 9)).toBe(local(2026, 0, 6, 9));
    expect(nextDailyAt(local(2026, 0, 5, 23, 10), 0)).toBe(local(2026, 0, 6, 0));
    expect(nextDailyAt(local(2026, 11, 31, 10), 9)).toBe(local(2027, 0, 1, 9));
  });
});

describe('pingSkipReason', () => {
  it('holds the ping back while critical, paused or without status; sends on warning', () => {
    expect(pingSkipReason(null)).toBe('no-status');
    expect(pingSkipReason(makeStatus({ health: 'critical' }))).toBe('critical');
    expect(pingSkipReason(makeStatus({ paused: true }))).toBe('paused');
    expect(pingSkipReason(makeStatus({ health: 'warning' }))).toBeNull();
    expect(pingSkipReason(makeStatus({ health: 'unknown' }))).toBeNull();
  });
});

describe('Heartbeat', () => {
  it('does nothing with the default (off) settings', async () => {
    const t = setup();
    t.hb.apply(DEFAULT_HEARTBEAT);
    await advance(t.clock, 3 * 24 * HOUR, HOUR);
    expect(t.emails).toEqual([]);
    expect(t.pings).toEqual([]);
    expect(t.clock.pendingTimers()).toBe(0);
  });

  it('sends the email once a day at the local hour, the first one today when started before it', async () => {
    const t = setup();
    t.hb.apply({ ...on(), url: { ...DEFAULT_HEARTBEAT.url } });
    await advance(t.clock, 3 * 24 * HOUR, 10 * MIN);
    expect(t.emails).toEqual([local(2026, 0, 5, 9), local(2026, 0, 6, 9), local(2026, 0, 7, 9)]);
  });

  it('started after the hour, waits for tomorrow (a restart does not send again)', async () => {
    const t = setup(makeStatus(), local(2026, 0, 5, 9, 30));
    t.hb.apply(on());
    await advance(t.clock, 20 * HOUR, 10 * MIN);
    expect(t.emails).toEqual([]);
    await advance(t.clock, 4 * HOUR, 10 * MIN);
    expect(t.emails).toEqual([local(2026, 0, 6, 9)]);
  });

  it('a changed hour re-arms; the same settings again keep the timer', async () => {
    const t = setup();
    t.hb.apply(on());
    t.hb.apply(on());
    t.hb.apply(on({}, 8));
    await advance(t.clock, 24 * HOUR, 10 * MIN);
    expect(t.emails).toEqual([local(2026, 0, 6, 8)]);
  });

  it('pings every interval while all is well and holds back while critical or paused', async () => {
    const t = setup();
    const start = t.clock.now();
    t.hb.apply(on());
    await advance(t.clock, 15 * MIN);
    expect(t.pings).toEqual([start + 5 * MIN, start + 10 * MIN, start + 15 * MIN]);
    t.set(makeStatus({ health: 'critical' }));
    await advance(t.clock, 10 * MIN);
    expect(t.pings).toHaveLength(3);
    t.set(makeStatus({ paused: true }));
    await advance(t.clock, 5 * MIN);
    expect(t.pings).toHaveLength(3);
    expect(t.skips).toEqual(['critical', 'critical', 'paused']);
    t.set(makeStatus({ health: 'warning' }));
    await advance(t.clock, 5 * MIN);
    expect(t.pings).toEqual([
      start + 5 * MIN,
      start + 10 * MIN,
      start + 15 * MIN,
      start + 35 * MIN,
    ]);
  });

  it('turning the ping off or stopping cancels every timer', async () => {
    const t = setup();
    t.hb.apply(on());
    t.hb.apply({ ...on(), url: { ...on().url, enabled: false } });
    await advance(t.clock, 20 * MIN);
    expect(t.pings).toEqual([]);
    t.hb.stop();
    expect(t.clock.pendingTimers()).toBe(0);
  });
});

describe('heartbeat settings', () => {
  it('an old settings file without the block loads with the heartbeat off', () => {
    const { heartbeat: _, ...old } = DEFAULT_SETTINGS;
    const parsed = settingsSchema.parse(JSON.parse(JSON.stringify(old)));
    expect(parsed.heartbeat).toEqual(DEFAULT_HEARTBEAT);
  });

  it('refuses a non-http URL, an interval out of 1–1440 and an hour out of 0–23 in words', () => {
    const bad = settingsSchema.safeParse({
      ...DEFAULT_SETTINGS,
      heartbeat: {
        email: { enabled: true, hour: 24 },
        url: { enabled: true, url: 'ftp://x.example/', intervalMinutes: 0 },
      },
    });
    expect(bad.success).toBe(false);
    const byPath = Object.fromEntries(
      (bad.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]),
    );
    expect(byPath['heartbeat.email.hour']).toMatch(/0 to 23/);
    expect(byPath['heartbeat.url.url']).toMatch(/https:\/\/ or http:\/\//);
    expect(byPath['heartbeat.url.intervalMinutes']).toMatch(/1 to 1440/);
    const empty = settingsSchema.safeParse({
      ...DEFAULT_SETTINGS,
      heartbeat: { ...DEFAULT_HEARTBEAT, url: { enabled: true, url: '', intervalMinutes: 5 } },
    });
    expect(empty.error?.issues[0]?.message).toMatch(/Enter the heartbeat URL/);
  });
});

describe('renderHeartbeatEmail', () => {
  const ctx = { hostname: 'web01', subjectPrefix: '[Hostwatch]', dashboardUrl: '', now: 3 * HOUR };
  it('says all is well, the last confirmed delivery and the uptime', () => {
    const e = renderHeartbeatEmail(
      makeStatus(),
      {
        lastAccepted: {
          time: 0,
          subject: 's',
          response: '250 2.0.0 Ok: queued as 4F2A1',
          messageId: '<m@x>',
        },
        failing: null,
      } as never,
      { ...ctx, language: 'en' },
    );
    expect(e.subject).toBe('[Hostwatch] All is well on web01');
    expect(e.text).toContain('Health: OK');
    expect(e.text).toContain('Nothing is firing.');
    expect(e.text).toContain('250 2.0.0 Ok: queued as 4F2A1');
    expect(e.text).toContain('Running for: 3 h');
  });

  it('lists firing and acknowledged alerts, in Korean too', () => {
    const status = makeStatus({
      health: 'critical',
      alerts: [
        {
          ruleId: 'disk',
          series: 'disk.used_pct{/}',
          metric: 'disk.used_pct',
          target: '/',
          state: 'firing',
          severity: 'critical',
          value: 96,
          threshold: 95,
          since: 0,
          snoozed: false,
          acknowledged: { time: 0, by: 'tray' },
        } as never,
      ],
    });
    const en = renderHeartbeatEmail(status, undefined, { ...ctx, language: 'en' });
    expect(en.subject).toBe('[Hostwatch] 1 open problem(s) on web01');
    expect(en.text).toMatch(/CRITICAL Disk \/ 96.*acknowledged/);
    expect(en.text).toContain('none yet since the start');
    const ko = renderHeartbeatEmail(status, undefined, { ...ctx, language: 'ko' });
    expect(ko.subject).toBe('[Hostwatch] web01 미해결 문제 1건');
    expect(ko.text).toContain('상태: 심각');
    expect(ko.text).toContain('확인됨');
  });
});
