/**
 * Fakes for what cannot run here: Electron objects, and an engine-like HostwatchApi that keeps
 * state and records every call, so tests can prove a refused request changed nothing.
 */
import type { IpcMainInvokeEvent, NativeImage } from 'electron';
import type { IpcMainLike } from '../../main/app/ipc';
import type { SafeStorageLike } from '../../main/app/safe-storage-secrets';
import type { Logger } from '../../main/core/ports';
import type {
  AlertState,
  HostwatchApi,
  OperationName,
  PushEventName,
  PushEvents,
  Result,
  SettingsView,
  SnoozeState,
} from '../../main/shared/contract';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../main/shared/settings';
import { emptyBacktest } from '../fixtures/backtest';
import { makeStatus } from '../fixtures/status';

/** The shared status builder, re-exported for the app tests. */
export { makeStatus };

/** A logger that keeps its lines. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(`info ${m}`),
    warn: (m) => void lines.push(`warn ${m}`),
    error: (m) => void lines.push(`error ${m}`),
  };
}

/** ipcMain as ipc.ts sees it: keeps the registered handlers by channel. */
export class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>,
  ) {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

/** Reversible stand-in for the OS keychain: XOR, so the file never holds the plain text. */
export function fakeSafeStorage(
  available = true,
  backend?: ReturnType<NonNullable<SafeStorageLike['getSelectedStorageBackend']>>,
): SafeStorageLike {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => xor(Buffer.from(s)),
    decryptString: (b) => xor(b).toString(),
    getSelectedStorageBackend: () => backend ?? 'gnome_libsecret',
  };
}

/** A recognisable fake NativeImage. */
export function fakeImage(path: string): NativeImage {
  return { path } as unknown as NativeImage;
}

/** An engine-like API: real state for pause, snooze, settings and the SMTP password. */
export class FakeApi implements HostwatchApi {
  readonly calls: { name: OperationName; input: unknown }[] = [];
  paused = false;
  snoozeState: SnoozeState = { all: null, rules: {} };
  settings: Settings = structuredClone(DEFAULT_SETTINGS);
  password: string | undefined;
  testEmail: Result<{ delivered: boolean; message: string }> = {
    ok: true,
    value: { delivered: true, message: 'Delivered to ops@example.com' },
  };
  private listeners = new Map<PushEventName, Set<(p: never) => void>>();

  private record<T>(name: OperationName, input: unknown, value: T): Promise<Result<T>> {
    this.calls.push({ name, input });
    return Promise.resolve({ ok: true, value });
  }
  private view(): SettingsView {
    return {
      settings: this.settings,
      secrets: { smtpPassword: this.password !== undefined, agentToken: false },
      path: '/tmp/settings.json',
      secretStorage: 'encrypted',
    };
  }
  getFleet = (input: unknown) => this.record('getFleet', input, { hosts: [] });
  getStatus = (input: unknown) =>
    this.record('getStatus', input, makeStatus({ paused: this.paused, snooze: this.snoozeState }));
  getHistory = (input: unknown) =>
    this.record('getHistory', input, {
      range: '1h' as const,
      resolution: 'raw' as const,
      series: [],
    });
  getEvents = (input: unknown) => this.record('getEvents', input, []);
  getSettings = (input: unknown) => this.record('getSettings', input, this.view());
  saveSettings = (input: Parameters<HostwatchApi['saveSettings']>[0]) => {
    this.settings = settingsSchema.parse(input.settings);
    const pw = input.secrets?.smtpPassword;
    if (typeof pw === 'string') this.password = pw;
    if (pw === null) this.password = undefined;
    return this.record('saveSettings', input, this.view());
  };
  sendTestEmail = (input: unknown) => {
    this.calls.push({ name: 'sendTestEmail', input });
    return Promise.resolve(this.testEmail);
  };
  snooze = (input: Parameters<HostwatchApi['snooze']>[0]) => {
    this.snoozeState = {
      ...this.snoozeState,
      all: input.duration === 'off' ? null : input.duration === 'resolved' ? 'resolved' : 5_000,
    };
    return this.record('snooze', input, this.snoozeState);
  };
  backtest = (input: Parameters<HostwatchApi['backtest']>[0]) =>
    this.record('backtest', input, emptyBacktest(input.range ?? '7d'));
  exportRules = (input: unknown) =>
    this.record('exportRules', input, { fileName: 'hostwatch.rules.yml', content: '' });
  setMaintenance = (input: Parameters<HostwatchApi['setMaintenance']>[0]) =>
    this.record('setMaintenance', input, { maintenanceUntil: null });
  setPaused = (input: Parameters<HostwatchApi['setPaused']>[0]) => {
    this.paused = input.paused;
    return this.record('setPaused', input, { paused: this.paused });
  };
  acknowledge = (input: Parameters<HostwatchApi['acknowledge']>[0]) =>
    this.record('acknowledge', input, this.alertFor(input, { time: 5_000, by: input.by ?? 'api' }));
  unacknowledge = (input: Parameters<HostwatchApi['unacknowledge']>[0]) =>
    this.record('unacknowledge', input, this.alertFor(input));
  private alertFor(
    input: { ruleId: string; series: string },
    acknowledged?: AlertState['acknowledged'],
  ): AlertState {
    return {
      ruleId: input.ruleId,
      series: input.series,
      metric: 'cpu.total',
      state: 'firing',
      severity: 'warning',
      value: 90,
      threshold: 85,
      since: 1_000,
      snoozed: false,
      ...(acknowledged ? { acknowledged } : {}),
    };
  }
  silence = (input: Parameters<HostwatchApi['silence']>[0]) =>
    this.record('silence', input, { silenceId: 'silence-1', endsAt: 0 });
  runCheck = (input: Parameters<HostwatchApi['runCheck']>[0]) =>
    this.record('runCheck', input, {
      result: {
        checkId: input.id ?? 'draft',
        at: 0,
        up: true,
        failure: null,
        phases: { dns: 1, connect: 1, tls: null, firstByte: 1, total: 3 },
        status: 200,
        cert: null,
        redirects: 0,
      },
      summary: 'Up in 3 ms',
    });
  resolveCheckHost = (input: Parameters<HostwatchApi['resolveCheckHost']>[0]) =>
    this.record('resolveCheckHost', input, {
      host: input.host,
      addresses: [],
      linkLocal: [],
      failure: null,
    });
  testConnection = (input: Parameters<HostwatchApi['testConnection']>[0]) =>
    this.record('testConnection', input, { connected: false, code: 'refused', message: 'refused' });
  testAlertmanager = (input: Parameters<HostwatchApi['testAlertmanager']>[0]) =>
    this.record('testAlertmanager', input, {
      connected: false,
      code: 'refused',
      message: 'refused',
    });
  on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  }
  emit<E extends PushEventName>(event: E, payload: PushEvents[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (p: PushEvents[E]) => void)(payload);
  }
  listenerCount(event: PushEventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}
