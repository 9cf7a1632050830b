/**
 * The Prometheus exposition: names, units and labels, stale families absent, and the scrape of a
 * real server accepted by `promtool check metrics` without lint warnings.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EXPOSITION, renderMetrics } from '../../main/adapters/http/prometheus';
import { createHttpServer } from '../../main/adapters/http/server';
import { METRIC_NAMES, METRICS, type Snapshot } from '../../main/shared/metrics';
import { createFakeEngine, recordingLogger, sampleStatus } from './http-fixtures';

/** Runs promtool on an exposition; returns its exit code and everything it printed. */
function promtool(text: string): { status: number | null; output: string } {
  const r = spawnSync('/usr/bin/promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

/** The sample lines of an exposition (no comments). */
function samples(text: string): string[] {
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
}

describe('renderMetrics', () => {
  it('exposes snapshot values in base units with target labels', async () => {
    const text = await renderMetrics(sampleStatus(), { outboxPending: 3, emailsDeliveredTotal: 7 });
    const lines = samples(text);
    expect(lines).toContain('hostwatch_up 1');
    expect(lines).toContain('hostwatch_health{state="warning"} 1');
    expect(lines).toContain('hostwatch_health{state="ok"} 0');
    expect(lines).toContain('hostwatch_cpu_usage_ratio 0.425');
    expect(lines).toContain('hostwatch_cpu_core_usage_ratio{core="1"} 0.45');
    expect(lines).toContain('hostwatch_load1 0.5');
    expect(lines).toContain('hostwatch_memory_used_bytes 4000000000');
    expect(lines).toContain('hostwatch_filesystem_used_ratio{mountpoint="/"} 0.61');
    expect(lines).toContain('hostwatch_filesystem_avail_bytes{mountpoint="/"} 39000000000');
    // The HELP says how the ratio relates to the byte gauges.
    expect(text).toMatch(/^# HELP hostwatch_filesystem_used_ratio .*used \/ \(used \+ avail\)/m);
    expect(lines).toContain(
      'hostwatch_filesystem_used_ratio{mountpoint="/mnt/\\"odd\\" \\\\ dir"} 0.1',
    );
    expect(lines).toContain('hostwatch_network_receive_bytes_per_second{device="eth0"} 1500');
    expect(lines).toContain('hostwatch_uptime_seconds 3600');
    expect(lines).toContain(
      'hostwatch_alert_firing{rule="disk",series="disk.used_pct{/}",severity="warning"} 1',
    );
    expect(lines).toContain('hostwatch_collector_stale{family="temperature"} 1');
    expect(lines).toContain('hostwatch_collector_stale{family="cpu"} 0');
    expect(lines).toContain('hostwatch_outbox_pending_messages 3');
    expect(lines).toContain('hostwatch_emails_delivered_total 7');
    expect(lines).toContain(
      'hostwatch_host_info{hostname="web-1",platform="linux",release="6.1",arch="x64"} 1',
    );
    // The pending alert is not firing.
    expect(lines.filter((l) => l.startsWith('hostwatch_alert_firing'))).toHaveLength(1);
  });

  it('emits no values for a stale family', async () => {
    const text = await renderMetrics(sampleStatus());
    expect(text).not.toContain('hostwatch_temperature_celsius');
    // The last good time of the stale family is still there, for alerting on staleness.
    expect(samples(text)).toContain(
      'hostwatch_collector_last_success_timestamp_seconds{family="temperature"} 1699999940',
    );
  });

  it('says down and unknown while the engine has no status, with nothing made up', async () => {
    // The serving process's own metrics are real at any time; Hostwatch's are not known yet.
    const lines = samples(await renderMetrics(null)).filter((l) => l.startsWith('hostwatch_'));
    expect(lines).toEqual([
      'hostwatch_up 0',
      'hostwatch_health{state="ok"} 0',
      'hostwatch_health{state="warning"} 0',
      'hostwatch_health{state="critical"} 0',
      'hostwatch_health{state="unknown"} 1',
    ]);
  });

  it("adds prom-client's process metrics of this process, without the event-loop and GC monitors", async () => {
    const before = process.cpuUsage();
    const text = await renderMetrics(null);
    const after = process.cpuUsage();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    const cpu = value('process_cpu_seconds_total');
    expect(cpu).toBeGreaterThanOrEqual((before.user + before.system) / 1e6 - 0.001);
    expect(cpu).toBeLessThanOrEqual((after.user + after.system) / 1e6 + 0.001);
    expect(
      Math.abs(value('process_resident_memory_bytes') - process.memoryUsage.rss()),
    ).toBeLessThan(32 * 1024 * 1024);
    expect(
      Math.abs(value('process_start_time_seconds') - (Date.now() - process.uptime() * 1000) / 1000),
    ).toBeLessThan(2);
    expect(value('process_open_fds')).toBeGreaterThan(0);
    expect(value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(text).toContain(`nodejs_version_info{version="${process.version}"`);
    expect(text).not.toMatch(/nodejs_eventloop_lag|nodejs_gc_duration|nodejs_active_handles/);
    // A second scrape counts on from the first (one long-lived registry), never from zero.
    const again = Number(/^process_cpu_seconds_total (\S+)$/m.exec(await renderMetrics(null))?.[1]);
    expect(again).toBeGreaterThanOrEqual(cpu);
  });

  it('has one distinct, promtool-clean name per catalogue metric', async () => {
    // Host metrics only: check series come from status.checks (prometheus-checks.ts), and their
    // phases share one name told apart by a `phase` label, as blackbox does.
    const names = METRIC_NAMES.filter((m) => METRICS[m].family !== 'checks').map(
      (m) => EXPOSITION[m].name,
    );
    expect(new Set(names).size).toBe(names.length);
    const everyMetric = sampleStatus();
    // The fixture is one machine's sample; a fleet watcher also has its hosts' silence.
    const values = { ...everyMetric.snapshot!.values, 'fleet.silence_s{web02}': 3 };
    const families = Object.fromEntries(
      Object.keys(everyMetric.snapshot!.families).map((f) => [f, { status: 'ok', updatedAt: 1 }]),
    ) as Snapshot['families'];
    const text = await renderMetrics(
      { ...everyMetric, snapshot: { ...everyMetric.snapshot!, values, families } },
      {
        outboxPending: 0,
        outboxOldestAgeSeconds: 12.5,
        emailsDeliveredTotal: 1,
        emailsFailedTotal: 0,
      },
    );
    for (const name of names) expect(text, name).toContain(`# TYPE ${name} gauge`);
    expect(promtool(text)).toEqual({ status: 0, output: '' });
  });
});

describe('GET /metrics', () => {
  it('serves a scrape that promtool accepts without warnings', async () => {
    const engine = createFakeEngine();
    const server = await createHttpServer({
      api: engine.api,
      status: () => engine.status,
      host: '127.0.0.1',
      port: 0,
      logger: recordingLogger(),
      extraMetrics: () => ({ outboxPending: 2 }),
    });
    try {
      const res = await fetch(`${server.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const text = await res.text();
      expect(samples(text)).toContain('hostwatch_outbox_pending_messages 2');
      expect(promtool(text)).toEqual({ status: 0, output: '' });
    } finally {
      await server.close();
    }
  });

  it('still serves when the extra metrics throw', async () => {
    const engine = createFakeEngine();
    const logger = recordingLogger();
    const server = await createHttpServer({
      api: engine.api,
      status: () => null,
      host: '127.0.0.1',
      port: 0,
      logger,
      extraMetrics: () => {
        throw new Error('outbox unreadable');
      },
    });
    try {
      const res = await fetch(`${server.url}/metrics`);
      expect(res.status).toBe(200);
      expect(samples(await res.text())).toContain('hostwatch_up 0');
      expect(logger.lines.some((l) => l.level === 'warn')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('lets promtool catch a bad exposition (the check can fail)', () => {
    expect(
      promtool('# HELP x_milliseconds y\n# TYPE x_milliseconds gauge\nx_milliseconds 1\n').status,
    ).not.toBe(0);
  });
});
