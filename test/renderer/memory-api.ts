/**
 * An in-memory {@link HostwatchApi} for component tests: it validates inputs with the same
 * contract schemas the engine uses, keeps settings and secrets, records calls and lets a test
 * push status and events. The contract is the seam; nothing of the engine is faked beyond it.
 */
import { vi } from 'vitest';
import {
  parseInput,
  type AlertState,
  type EventRecord,
  type HostwatchApi,
  type OperationError,
  type PushEventName,
  type PushEvents,
  type Result,
  type SettingsView,
  type Status,
} from '../../main/shared/contract';
import { FAMILIES, type Family, type FamilyState, type Snapshot } from '../../main/shared/metrics';
import { DEFAULT_SETTINGS } from '../../main/shared/settings';
import { emptyBacktest } from '../fixtures/backtest';

/** A snapshot with every family fresh unless overridden. */
export function makeSnapshot(
  values: Record<string, number>,
  families: Partial<Record<Family, FamilyState>> = {},
): Snapshot {
  const fam = Object.fromEntries(
    FAMILIES.map((f) => [f, families[f] ?? { status: 'ok', updatedAt: 1_000 }]),
  ) as Record<Family, FamilyState>;
  return {
    time: Date.now(),
    mono: 1,
    values,
    families: fam,
    processes: {
      at: Date.now(),
      byCpu: [
        {
          pid: 4242,
          name: 'nginx',
          command: 'nginx: worker',
          cpu: 37.5,
          memBytes: 50 * 1024 * 1024,
          memPct: 1.2,
        },
      ],
      byMemory: [
        {
          pid: 777,
          name: 'postgres',
          command: 'postgres -D /var/lib/pg',
          cpu: 2,
          memBytes: 2 * 1024 ** 3,
          memPct: 25,
        },
      ],
    },
  };
}

/** A status with sensible defaults. */
export function makeStatus(patch: Partial<Status> = {}): Status {
  return {
    hostId: 'local',
    host: {
      hostname: 'web01',
      displayName: 'web01',
      platform: 'linux',
      release: '6.1',
      arch: 'x64',
      cores: 2,
      cpuModel: 'Test CPU',
    },
    health: 'ok',
    paused: false,
    stale: false,
    snapshot: makeSnapshot({
      'cpu.total': 42.5,
      'cpu.core{0}': 40,
      'cpu.core{1}': 45,
      'load.1': 0.5,
      'mem.used_pct': 63.2,
      'disk.used_pct{/}': 96.4,
      'disk.used_bytes{/}': 96 * 1024 ** 3,
      'disk.size_bytes{/}': 100 * 1024 ** 3,
      'uptime.seconds': 3 * 86_400 + 4 * 3_600,
    }),
    alerts: [],
    snooze: { all: null, rules: {} },
    maintenanceUntil: null,
    notices: [],
    thresholds: {
      'disk.used_pct{/}': { warning: 85, critical: 95 },
      'cpu.total': { warning: 85, critical: 95 },
    },
    startedAt: Date.now() - 60_000,
    language: 'en',
    ...patch,
  };
}

/** A firing critical alert of the disk rule on `/` (96.4%, threshold 95), unless overridden. */
export function makeAlert(patch: Partial<AlertState> = {}): AlertState {
  return {
    ruleId: 'disk',
    series: 'disk.used_pct{/}',
    metric: 'disk.used_pct',
    target: '/',
    state: 'firing',
    severity: 'critical',
    value: 96.4,
    threshold: 95,
    since: Date.now() - 60_000,
    snoozed: false,
    ...patch,
  };
}

/** A CPU warning FIRING event (88, threshold 85) at a time, unless overridden. */
export function makeEvent(id: string, time: number, patch: Partial<EventRecord> = {}): EventRecord {
  return {
    id,
    host: 'local',
    time,
    kind: 'firing',
    severity: 'warning',
    ruleId: 'cpu',
    series: 'cpu.total',
    metric: 'cpu.total',
    value: 88,
    threshold: 85,
    message: 'CPU is warning',
    ...patch,
  };
}

/** The in-memory API plus handles for the test. */
export interface MemoryApi {
  readonly api: HostwatchApi;
  /** Current stored settings view. */
  view: SettingsView;
  status: Status;
  events: EventRecord[];
  /** Pushes an event to subscribers. */
  emit<E extends PushEventName>(event: E, payload: PushEvents[E]): void;
  /** When set, the next saveSettings fails with this error (like a server-side refusal). */
  nextSaveError: OperationError | null;
  /** When set, the next snooze fails with this error. */
  nextSnoozeError: OperationError | null;
  /** Sets or clears an alert's acknowledgement and pushes the status, as the engine does. */
  setAck(
    ruleId: string,
    series: string,
    ack: AlertState['acknowledged'],
  ): Promise<Result<AlertState>>;
}

const HOURS = { '1h': 1, '4h': 4, '8h': 8 } as const;

/** Creates an in-memory API. */
export function createMemoryApi(
  init: { status?: Status; view?: Partial<SettingsView>; events?: EventRecord[] } = {},
): MemoryApi {
  const listeners: { [E in PushEventName]: Set<(p: PushEvents[E]) => void> } = {
    status: new Set(),
    event: new Set(),
    fleet: new Set(),
  };
  const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
  const fail = (r: {
    ok: false;
    error: OperationError;
  }): Promise<{ ok: false; error: OperationError }> => Promise.resolve(r);
  const mem: MemoryApi = {
    view: {
      settings: structuredClone(DEFAULT_SETTINGS),
      secrets: { smtpPassword: false, agentToken: false },
      path: '/tmp/hostwatch/settings.json',
      secretStorage: 'file',
      ...init.view,
    },
    status: init.status ?? makeStatus(),
    events: init.events ?? [],
    nextSaveError: null,
    nextSnoozeError: null,
    emit(event, payload) {
      for (const l of listeners[event]) l(payload);
    },
    setAck(ruleId, series, ack) {
      const found = mem.status.alerts.find((a) => a.ruleId === ruleId && a.series === series);
      if (!found || found.state !== 'firing') {
        const message = `Rule ${ruleId} on "${series}" is not firing`;
        return fail({ ok: false, error: { code: 'not-found', message } });
      }
      const next = (a: AlertState): AlertState => {
        if (a !== found) return a;
        const { acknowledged: _old, ...rest } = a;
        void _old;
        return ack ? { ...rest, acknowledged: ack } : rest;
      };
      mem.status = { ...mem.status, alerts: mem.status.alerts.map(next) };
      mem.emit('status', mem.status);
      return ok(next(found));
    },
    api: {
      getStatus: vi.fn<HostwatchApi['getStatus']>(() => ok(mem.status)),
      getFleet: vi.fn<HostwatchApi['getFleet']>(() =>
        ok({
          hosts: [
            {
              id: mem.status.hostId,
              name: mem.status.host.displayName,
              kind: 'local' as const,
              health: mem.status.health,
              lastSeen: mem.status.snapshot?.time ?? null,
              alerts: mem.status.alerts,
            },
          ],
        }),
      ),
      getHistory: vi.fn<HostwatchApi['getHistory']>((input) => {
        const p = parseInput('getHistory', input);
        if (!p.ok) return fail(p);
        return ok({
          range: p.value.range,
          resolution: 'raw' as const,
          series: p.value.metric.map((key) => ({ key, t: [], avg: [] })),
        });
      }),
      getEvents: vi.fn<HostwatchApi['getEvents']>(() => ok(mem.events)),
      getSettings: vi.fn<HostwatchApi['getSettings']>(() => ok(structuredClone(mem.view))),
      saveSettings: vi.fn<HostwatchApi['saveSettings']>((input) => {
        const p = parseInput('saveSettings', input);
        if (!p.ok) return fail(p);
        if (mem.nextSaveError) {
          const error = mem.nextSaveError;
          mem.nextSaveError = null;
          return fail({ ok: false, error });
        }
        const change = p.value.secrets?.smtpPassword;
        const smtpPassword =
          typeof change === 'string'
            ? true
            : change === null
              ? false
              : mem.view.secrets.smtpPassword;
        mem.view = {
          ...mem.view,
          settings: p.value.settings,
          secrets: { ...mem.view.secrets, smtpPassword },
        };
        return ok(structuredClone(mem.view));
      }),
      sendTestEmail: vi.fn<HostwatchApi['sendTestEmail']>(() =>
        ok({
          delivered: false,
          code: 'auth',
          message: 'The server refused the user name or password (535). Check them in Settings.',
        }),
      ),
      snooze: vi.fn<HostwatchApi['snooze']>((input) => {
        const p = parseInput('snooze', input);
        if (!p.ok) return fail(p);
        if (mem.nextSnoozeError) {
          const error = mem.nextSnoozeError;
          mem.nextSnoozeError = null;
          return fail({ ok: false, error });
        }
        // As the engine does: apply, then push the new status.
        const { ruleId, duration } = p.value;
        const until =
          duration === 'off'
            ? null
            : duration === 'resolved'
              ? 'resolved'
              : Date.now() + HOURS[duration] * 3_600_000;
        const rules = { ...mem.status.snooze.rules };
        let all = mem.status.snooze.all;
        if (ruleId === undefined) {
          all = until;
          if (until === null) for (const k of Object.keys(rules)) delete rules[k];
        } else if (until === null) delete rules[ruleId];
        else rules[ruleId] = until;
        const snooze = { all, rules };
        mem.status = {
          ...mem.status,
          snooze,
          alerts: mem.status.alerts.map((a) => ({
            ...a,
            snoozed: all !== null || rules[a.ruleId] !== undefined,
          })),
        };
        mem.emit('status', mem.status);
        return ok(snooze);
      }),
      setMaintenance: vi.fn<HostwatchApi['setMaintenance']>(() => ok({ maintenanceUntil: null })),
      // As the engine does: change the alert's acknowledgement, push the new status.
      acknowledge: vi.fn<HostwatchApi['acknowledge']>((input) => {
        const p = parseInput('acknowledge', input);
        if (!p.ok) return fail(p);
        const { ruleId, series, note, by } = p.value;
        return mem.setAck(ruleId, series, { time: Date.now(), by, ...(note ? { note } : {}) });
      }),
      unacknowledge: vi.fn<HostwatchApi['unacknowledge']>((input) => {
        const p = parseInput('unacknowledge', input);
        if (!p.ok) return fail(p);
        return mem.setAck(p.value.ruleId, p.value.series, undefined);
      }),
      setPaused: vi.fn<HostwatchApi['setPaused']>((input) => {
        const p = parseInput('setPaused', input);
        return p.ok ? ok({ paused: p.value.paused }) : fail(p);
      }),
      backtest: vi.fn<HostwatchApi['backtest']>((input) => {
        const p = parseInput('backtest', input);
        return p.ok ? ok(emptyBacktest(p.value.range)) : fail(p);
      }),
      exportRules: vi.fn<HostwatchApi['exportRules']>(() =>
        ok({ fileName: 'hostwatch.rules.yml', content: 'groups: []\n' }),
      ),
      silence: vi.fn<HostwatchApi['silence']>((input) => {
        const p = parseInput('silence', input);
        return p.ok ? ok({ silenceId: 'silence-1', endsAt: 0 }) : fail(p);
      }),
      runCheck: vi.fn<HostwatchApi['runCheck']>((input) => {
        const p = parseInput('runCheck', input);
        if (!p.ok) return fail(p);
        return Promise.resolve({
          ok: false,
          error: { code: 'unavailable', message: 'The memory API runs no checks' },
        });
      }),
      resolveCheckHost: vi.fn<HostwatchApi['resolveCheckHost']>((input) => {
        const p = parseInput('resolveCheckHost', input);
        if (!p.ok) return fail(p);
        return ok({ host: p.value.host, addresses: [], linkLocal: [], failure: null });
      }),
      testConnection: vi.fn<HostwatchApi['testConnection']>((input) => {
        const p = parseInput('testConnection', input);
        return p.ok ? ok({ connected: false, code: 'refused', message: 'refused' }) : fail(p);
      }),
      testAlertmanager: vi.fn<HostwatchApi['testAlertmanager']>((input) => {
        const p = parseInput('testAlertmanager', input);
        return p.ok ? ok({ connected: false, code: 'refused', message: 'refused' }) : fail(p);
      }),
      on(event, listener) {
        listeners[event].add(listener);
        return () => {
          listeners[event].delete(listener);
        };
      },
    },
  };
  return mem;
}
