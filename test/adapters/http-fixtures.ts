/**
 * Test fixtures for the HTTP transport: a small stateful in-memory HostwatchApi (the transport is
 * under test here; the real engine is tested in test/core), a status and a recording logger.
 */
import {
  parseInput,
  type EventRecord,
  type FleetSummary,
  type HostwatchApi,
  type PushEventName,
  type PushEvents,
  type Result,
  type SettingsView,
  type SnoozeState,
  type Status,
} from '../../main/shared/contract';
import { METRICS, type Snapshot } from '../../main/shared/metrics';
import { DEFAULT_SETTINGS, type Settings } from '../../main/shared/settings';
import type { Logger } from '../../main/core/ports';
import { emptyBacktest } from '../fixtures/backtest';
import { makeStatus } from '../fixtures/status';

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** A snapshot with every family fresh except temperature (stale). */
export function sampleSnapshot(time = 1_700_000_000_000): Snapshot {
  const fresh = { status: 'ok' as const, updatedAt: time };
  return {
    time,
    mono: 1000,
    values: {
      'cpu.total': 42.5,
      'cpu.core{0}': 40,
      'cpu.core{1}': 45,
      'load.1': 0.5,
      'load.5': 0.25,
      'load.15': 0.125,
      'load.per_core': 0.25,
      'mem.used_pct': 50,
      'mem.used_bytes': 4e9,
      'mem.available_bytes': 4e9,
      'mem.total_bytes': 8e9,
      'swap.used_pct': 0,
      'swap.used_bytes': 0,
      'swap.total_bytes': 2e9,
      'disk.used_pct{/}': 61,
      'disk.used_bytes{/}': 61e9,
      'disk.size_bytes{/}': 100e9,
      'disk.avail_bytes{/}': 39e9,
      'disk.used_pct{/mnt/"odd" \\ dir}': 10,
      'diskio.read_bps': 1024,
      'diskio.write_bps': 2048,
      'net.rx_bps{eth0}': 1500,
      'net.tx_bps{eth0}': 700,
      // A value of a stale family must never be exported, even if it slipped into a snapshot.
      'temp.cpu': 55,
      'uptime.seconds': 3600,
      'forecast.seconds_to_full{/}': 259_200,
    },
    families: {
      cpu: fresh,
      load: fresh,
      memory: fresh,
      disk: fresh,
      diskio: fresh,
      network: fresh,
      temperature: { status: 'stale', updatedAt: time - 60_000, reason: 'deadline missed' },
      uptime: fresh,
      processes: { status: 'pending', updatedAt: null },
    },
    processes: null,
  };
}

/** A status with one firing and one pending alert. */
export function sampleStatus(overrides: Partial<Status> = {}): Status {
  return makeStatus({
    host: {
      hostname: 'web-1',
      platform: 'linux',
      release: '6.1',
      arch: 'x64',
      cores: 2,
      cpuModel: 'Test CPU',
      displayName: 'web-1',
    },
    health: 'warning',
    snapshot: sampleSnapshot(),
    alerts: [
      {
        ruleId: 'disk',
        series: 'disk.used_pct{/}',
        metric: 'disk.used_pct',
        target: '/',
        state: 'firing',
        severity: 'warning',
        value: 61,
        threshold: 60,
        since: 1,
        snoozed: false,
      },
      {
        ruleId: 'cpu',
        series: 'cpu.total',
        metric: 'cpu.total',
        state: 'pending',
        severity: 'warning',
        value: 42.5,
        threshold: 40,
        since: 1,
        snoozed: false,
      },
    ],
    startedAt: 1,
    ...overrides,
  });
}

/** The fake engine and handles to drive it. */
export interface FakeEngine {
  readonly api: HostwatchApi;
  status: Status;
  /** Pushes an event to subscribers, as the engine does. */
  push<E extends PushEventName>(event: E, payload: PushEvents[E]): void;
  /** Number of current subscribers per event. */
  listenerCount(event: PushEventName): number;
  /** Inputs the operations received, in order. */
  readonly calls: { name: string; input: unknown }[];
}

/** Creates a stateful in-memory engine implementing the contract (validating like the real one). */
export function createFakeEngine(): FakeEngine {
  let settings: Settings = structuredClone(DEFAULT_SETTINGS);
  let smtpPasswordSet = false;
  let snooze: SnoozeState = { all: null, rules: {} };
  let maintenanceUntil: number | null = null;
  let paused = false;
  const events: EventRecord[] = [
    {
      id: 'e1',
      host: 'local',
      time: 1,
      kind: 'firing',
      severity: 'warning',
      ruleId: 'disk',
      metric: 'disk.used_pct',
      message: 'Disk high',
    },
    { id: 'e2', host: 'local', time: 2, kind: 'system', severity: 'info', message: 'Started' },
  ];
  const listeners = {
    status: new Set<(s: Status) => void>(),
    event: new Set<(e: EventRecord) => void>(),
    fleet: new Set<(f: FleetSummary) => void>(),
  };
  const calls: { name: string; input: unknown }[] = [];
  const view = (): SettingsView => ({
    settings,
    secrets: { smtpPassword: smtpPasswordSet, agentToken: false },
    path: '/tmp/settings.json',
    secretStorage: 'file',
  });

  const fake: FakeEngine = {
    status: sampleStatus(),
    calls,
    push(event, payload) {
      for (const l of listeners[event]) (l as (p: typeof payload) => void)(payload);
    },
    listenerCount: (event) => listeners[event].size,
    api: {
      getStatus: () => Promise.resolve(ok({ ...fake.status, paused, maintenanceUntil, snooze })),
      getFleet: () =>
        Promise.resolve(
          ok({
            hosts: [
              {
                id: fake.status.hostId,
                name: fake.status.host.displayName,
                kind: 'local' as const,
                health: fake.status.health,
                lastSeen: fake.status.snapshot?.time ?? null,
                alerts: fake.status.alerts,
              },
            ],
          }),
        ),
      getHistory(raw) {
        calls.push({ name: 'getHistory', input: raw });
        const input = parseInput('getHistory', raw);
        if (!input.ok) return Promise.resolve(input);
        const unknown = input.value.metric.find((m) => !(m.replace(/\{.*\}$/, '') in METRICS));
        if (unknown !== undefined) {
          return Promise.resolve({
            ok: false,
            error: { code: 'not-found', message: `No metric ${unknown}` },
          });
        }
        const series = input.value.metric.map((key) => ({ key, t: [1, 2], avg: [10, null] }));
        return Promise.resolve(
          ok({ range: input.value.range, resolution: 'raw' as const, series }),
        );
      },
      getEvents(raw) {
        calls.push({ name: 'getEvents', input: raw });
        const input = parseInput('getEvents', raw);
        if (!input.ok) return Promise.resolve(input);
        const { limit, severity } = input.value;
        return Promise.resolve(
          ok(events.filter((e) => !severity || e.severity === severity).slice(0, limit)),
        );
      },
      getSettings: () => Promise.resolve(ok(view())),
      saveSettings(raw) {
        calls.push({ name: 'saveSettings', input: raw });
        const input = parseInput('saveSettings', raw);
        if (!input.ok) return Promise.resolve(input);
        settings = input.value.settings;
        const pw = input.value.secrets?.smtpPassword;
        if (typeof pw === 'string') smtpPasswordSet = true;
        if (pw === null) smtpPasswordSet = false;
        return Promise.resolve(ok(view()));
      },
      sendTestEmail() {
        calls.push({ name: 'sendTestEmail', input: undefined });
        if (!settings.smtp.enabled) {
          return Promise.resolve({
            ok: false,
            error: { code: 'unavailable', message: 'Email is not set up' },
          });
        }
        return Promise.resolve({
          ok: false,
          error: { code: 'failed', message: 'Connection refused' },
        });
      },
      snooze(raw) {
        const input = parseInput('snooze', raw);
        if (!input.ok) return Promise.resolve(input);
        const { ruleId, duration } = input.value;
        if (ruleId !== undefined && !settings.rules.some((r) => r.id === ruleId)) {
          return Promise.resolve({
            ok: false,
            error: { code: 'not-found', message: `No rule ${ruleId}` },
          });
        }
        const until =
          duration === 'off'
            ? null
            : duration === 'resolved'
              ? 'resolved'
              : 1_000 + Number.parseInt(duration, 10) * 3_600_000;
        if (ruleId === undefined) snooze = { ...snooze, all: until };
        else {
          const rules = { ...snooze.rules };
          if (until === null) delete rules[ruleId];
          else rules[ruleId] = until;
          snooze = { ...snooze, rules };
        }
        return Promise.resolve(ok(snooze));
      },
      setMaintenance(raw) {
        const input = parseInput('setMaintenance', raw);
        if (!input.ok) return Promise.resolve(input);
        maintenanceUntil = input.value.minutes === 0 ? null : 1_000 + input.value.minutes * 60_000;
        return Promise.resolve(ok({ maintenanceUntil }));
      },
      setPaused(raw) {
        const input = parseInput('setPaused', raw);
        if (!input.ok) return Promise.resolve(input);
        paused = input.value.paused;
        return Promise.resolve(ok({ paused }));
      },
      backtest(raw) {
        calls.push({ name: 'backtest', input: raw });
        const input = parseInput('backtest', raw);
        return Promise.resolve(input.ok ? ok(emptyBacktest(input.value.range)) : input);
      },
      exportRules: () =>
        Promise.resolve(ok({ fileName: 'hostwatch.rules.yml', content: 'groups: []\n' })),
      acknowledge(raw) {
        const input = parseInput('acknowledge', raw);
        if (!input.ok) return Promise.resolve(input);
        const alert = fake.status.alerts.find(
          (a) => a.ruleId === input.value.ruleId && a.series === input.value.series,
        );
        if (!alert) {
          return Promise.resolve({
            ok: false,
            error: { code: 'not-found', message: `No firing alert ${input.value.ruleId}` },
          });
        }
        const ack = {
          time: 1_000,
          by: input.value.by,
          ...(input.value.note ? { note: input.value.note } : {}),
        };
        return Promise.resolve(ok({ ...alert, acknowledged: ack }));
      },
      unacknowledge(raw) {
        const input = parseInput('unacknowledge', raw);
        if (!input.ok) return Promise.resolve(input);
        const alert = fake.status.alerts.find(
          (a) => a.ruleId === input.value.ruleId && a.series === input.value.series,
        );
        if (!alert) {
          return Promise.resolve({
            ok: false,
            error: { code: 'not-found', message: `No firing alert ${input.value.ruleId}` },
          });
        }
        return Promise.resolve(ok(alert));
      },
      silence(raw) {
        calls.push({ name: 'silence', input: raw });
        const input = parseInput('silence', raw);
        return Promise.resolve(input.ok ? ok({ silenceId: 'silence-1', endsAt: 0 }) : input);
      },
      runCheck(raw) {
        calls.push({ name: 'runCheck', input: raw });
        const input = parseInput('runCheck', raw);
        if (!input.ok) return Promise.resolve(input);
        return Promise.resolve({
          ok: false,
          error: { code: 'unavailable', message: 'The fake engine runs no checks' },
        });
      },
      resolveCheckHost(raw) {
        calls.push({ name: 'resolveCheckHost', input: raw });
        const input = parseInput('resolveCheckHost', raw);
        if (!input.ok) return Promise.resolve(input);
        return Promise.resolve({
          ok: false,
          error: { code: 'unavailable', message: 'The fake engine runs no checks' },
        });
      },
      testConnection(raw) {
        calls.push({ name: 'testConnection', input: raw });
        const input = parseInput('testConnection', raw);
        return Promise.resolve(
          input.ok ? ok({ connected: false, code: 'refused', message: 'refused' }) : input,
        );
      },
      testAlertmanager(raw) {
        calls.push({ name: 'testAlertmanager', input: raw });
        const input = parseInput('testAlertmanager', raw);
        return Promise.resolve(
          input.ok ? ok({ connected: false, code: 'refused', message: 'refused' }) : input,
        );
      },
      on(event, listener) {
        const set = listeners[event] as Set<typeof listener>;
        set.add(listener);
        return () => set.delete(listener);
      },
    },
  };
  return fake;
}

/** A logger that keeps what it was told, so tests can wait for a warning. */
export function recordingLogger(): Logger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  return {
    lines,
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
}
