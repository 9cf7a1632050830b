/**
 * Fakes for the engine's ports: a manual clock, a scripted sampler and in-memory stores. The
 * real adapters have their own tests against real files, processes and sockets.
 */
import {
  FAMILIES,
  type Family,
  type FamilyState,
  type HostInfo,
  type Snapshot,
} from '../../main/shared/metrics';
import {
  DEFAULT_SETTINGS,
  settingsSchema,
  toFieldErrors,
  type Settings,
} from '../../main/shared/settings';
import type { EventRecord } from '../../main/shared/contract';
import type {
  AlertBatch,
  Channel,
  Clock,
  EventLogPort,
  EventSink,
  LoadedSettings,
  Logger,
  SamplerPort,
  SecretStore,
  SettingsStorePort,
} from '../../main/core/ports';
import { createEngine, type Engine, type StateStorePort } from '../../main/core/engine';
import { History } from '../../main/core/history';
import type { EmailChannelPort } from '../../main/core/engine-deps';

/** A clock the test moves by hand; timers fire in order when time passes them. */
export class ManualClock implements Clock {
  wall = Date.UTC(2026, 0, 5, 12, 0, 0);
  mono = 1_000;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  now = () => this.wall;
  monotonic = () => this.mono;
  setTimeout(fn: () => void, ms: number): () => void {
    const id = this.nextId++;
    this.timers.push({ at: this.mono + ms, fn, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }
  /** Moves both clocks forward, firing due timers. */
  advance(ms: number): void {
    const end = this.mono + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.wall += next.at - this.mono;
      this.mono = next.at;
      next.fn();
    }
    this.wall += end - this.mono;
    this.mono = end;
  }
}

/** A sampler whose next values the test sets. */
export class ScriptedSampler implements SamplerPort {
  values: Record<string, number> = {};
  stale = new Set<Family>();
  calls = 0;
  constructor(private readonly clock: ManualClock) {}
  hostInfo(): Promise<HostInfo> {
    return Promise.resolve({
      hostname: 'web01',
      platform: 'linux',
      release: '6',
      arch: 'x64',
      cores: 2,
      cpuModel: 'test',
    });
  }
  sample(): Promise<Snapshot> {
    this.calls++;
    const families = Object.fromEntries(
      FAMILIES.map((f): [Family, FamilyState] => [
        f,
        this.stale.has(f)
          ? { status: 'stale', updatedAt: null, reason: 'deadline missed' }
          : { status: 'ok', updatedAt: this.clock.now() },
      ]),
    ) as Record<Family, FamilyState>;
    return Promise.resolve({
      time: this.clock.now(),
      mono: this.clock.monotonic(),
      values: { ...this.values },
      families,
      processes: null,
    });
  }
  configure(): void {}
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Settings kept in memory, validated like the real store. */
export class MemorySettingsStore implements SettingsStorePort {
  path = '/memory/settings.json';
  saves = 0;
  constructor(
    public settings: Settings = DEFAULT_SETTINGS,
    private readonly problem?: Omit<LoadedSettings, 'settings'>,
  ) {}
  load(): Promise<LoadedSettings> {
    return Promise.resolve({ settings: this.settings, ...this.problem });
  }
  save(settings: Settings): Promise<void> {
    const parsed = settingsSchema.safeParse(settings);
    if (!parsed.success)
      return Promise.reject(
        Object.assign(new Error('invalid'), { fields: toFieldErrors(parsed.error) }),
      );
    this.settings = parsed.data;
    this.saves++;
    return Promise.resolve();
  }
}

/** A channel that records what it is given. */
export class RecordingChannel implements Channel {
  batches: AlertBatch[] = [];
  constructor(readonly name: string) {}
  deliver(batch: AlertBatch): Promise<void> {
    this.batches.push(batch);
    return Promise.resolve();
  }
  kinds(): string[] {
    return this.batches.flatMap((b) =>
      b.messages.map((m) => `${m.kind}:${m.ruleId}:${m.severity}`),
    );
  }
}

/** An engine wired to fakes. */
export interface TestEngine {
  engine: Engine;
  clock: ManualClock;
  sampler: ScriptedSampler;
  settings: MemorySettingsStore;
  email: RecordingChannel;
  events: EventRecord[];
  secrets: Map<string, string>;
  state: { saved: unknown };
  /** Runs `n` ticks `stepMs` apart. */
  run(n: number, stepMs?: number): Promise<void>;
}

/** Builds an engine on fakes with the given settings. */
export async function makeEngine(
  settings: Settings,
  options: {
    problem?: Omit<LoadedSettings, 'settings'>;
    state?: unknown;
    /** The email port (test email path); none unless given. */
    email?: EmailChannelPort;
  } = {},
): Promise<TestEngine> {
  const clock = new ManualClock();
  const sampler = new ScriptedSampler(clock);
  const store = new MemorySettingsStore(settings, options.problem);
  const email = new RecordingChannel('email');
  const events: EventRecord[] = [];
  const secrets = new Map<string, string>();
  const state: { saved: unknown } = { saved: options.state };
  let n = 0;
  const sink: EventSink = {
    emit(e) {
      const record: EventRecord = {
        ...e,
        id: `e${++n}`,
        time: e.time ?? clock.now(),
        host: e.host ?? 'local',
      };
      events.push(record);
      return record;
    },
  };
  const eventLog: EventLogPort = {
    append: (e) => events.push(e),
    recent: ({ limit }) => [...events].reverse().slice(0, limit),
  };
  const secretStore: SecretStore = {
    kind: 'file',
    get: (k) => Promise.resolve(secrets.get(k)),
    set: (k, v) => {
      if (v === null) secrets.delete(k);
      else secrets.set(k, v);
      return Promise.resolve();
    },
  };
  const stateStore: StateStorePort = {
    load: () => Promise.resolve(state.saved),
    save: (s) => {
      state.saved = JSON.parse(JSON.stringify(s));
      return Promise.resolve();
    },
  };
  const quiet: Logger = { info() {}, warn() {}, error() {} };
  const engine = await createEngine({
    clock,
    sampler,
    settingsStore: store,
    secrets: secretStore,
    history: new History(),
    historyStore: { afterAppend() {}, close: () => Promise.resolve() },
    state: stateStore,
    eventLog,
    events: sink,
    metricsLog: { write() {} },
    logger: quiet,
    channels: [email],
    ...(options.email ? { email: options.email } : {}),
    localMinutes: () => 12 * 60,
  });
  const run = async (count: number, stepMs = 1_000) => {
    for (let i = 0; i < count; i++) {
      clock.advance(stepMs);
      await engine.tickOnce();
    }
  };
  return { engine, clock, sampler, settings: store, email, events, secrets, state, run };
}

/** Default settings with one CPU rule and no grouping delay unless given. */
export function cpuSettings(
  overrides: Partial<Settings['rules'][number]> = {},
  groupWindowSeconds = 0,
): Settings {
  return {
    ...DEFAULT_SETTINGS,
    rules: [
      {
        id: 'cpu',
        metric: 'cpu.total',
        enabled: true,
        warning: 85,
        critical: 95,
        clear: 75,
        forSeconds: 10,
        repeatMinutes: 0,
        ...overrides,
      },
    ],
    notifications: { ...DEFAULT_SETTINGS.notifications, groupWindowSeconds },
  };
}
