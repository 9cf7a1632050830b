/**
 * The engine: one tick samples the machine, appends history, evaluates rules, runs the alert
 * policy and hands batches to the channels, then pushes status. Every effect comes in through
 * the ports (main/core/ports.ts), so the same engine runs in the tray app, in the agent and in
 * tests with a fake clock and sampler.
 *
 * The loop is self-scheduling on the monotonic clock: the next tick is scheduled only when the
 * current one has finished, so a slow sample can never pile up ticks.
 */
import type {
  EventRecord,
  HostwatchApi,
  PushEventName,
  PushEvents,
  Result,
  SettingsView,
  Status,
  TestEmailResult,
} from '../shared/contract';
import { parseInput } from '../shared/contract';
import type { HostInfo, Snapshot } from '../shared/metrics';
import type { Settings } from '../shared/settings';
import { Controls, type ControlsState } from './controls';
import { Grouper, batchId } from './grouping';
import { overallHealth } from './health';
import type { History } from './history';
import { AlertPolicy } from './policy';
import { z } from 'zod';
import type {
  AlertBatch,
  AlertMessage,
  BatchContext,
  Channel,
  Clock,
  EventLogPort,
  EventSink,
  Logger,
  MetricsLogPort,
  SamplerPort,
  SecretStore,
  SettingsStorePort,
  Transition,
} from './ports';
import { RuleEngine } from './rules';

/** Persists the engine's small runtime state (controls, rule and policy state). */
export interface StateStorePort {
  load(): Promise<unknown>;
  save(state: unknown): Promise<void>;
}

/** Persists history cheaply per tick and fully on close. */
export interface HistoryPersistencePort {
  afterAppend(history: History): void;
  close(history: History): Promise<void>;
}

/** The email channel: a durable outbox plus the test path. */
export interface EmailChannelPort extends Channel {
  sendTest(context: BatchContext): Promise<TestEmailResult>;
  pending(): number;
  /** Problems to show in status, e.g. a permanent SMTP failure. */
  notices?(): readonly Status['notices'][number][];
  /** Queues permanently failed emails again; called when the SMTP settings change. */
  retryFailed?(): Promise<number>;
}

/** Everything the engine needs from the world. */
export interface EngineDeps {
  readonly clock: Clock;
  readonly sampler: SamplerPort;
  readonly settingsStore: SettingsStorePort;
  readonly secrets: SecretStore;
  readonly history: History;
  readonly historyStore: HistoryPersistencePort;
  readonly state: StateStorePort;
  readonly eventLog: EventLogPort;
  readonly events: EventSink;
  readonly metricsLog: MetricsLogPort;
  readonly logger: Logger;
  readonly email?: EmailChannelPort;
  readonly channels?: readonly Channel[];
  /** Minutes since local midnight for a wall-clock time (quiet hours). */
  readonly localMinutes?: (now: number) => number;
  /** Called after settings change, so adapters (logs, sampler) can follow. */
  readonly onSettings?: (settings: Settings) => void;
  /** Host label override (e.g. from the command line). */
  readonly displayName?: string;
}

type Listener<E extends PushEventName> = (payload: PushEvents[E]) => void;

const DAY_MINUTES = 24 * 60;

const groupedSchema = z.object({
  openedAt: z.number().nullable(),
  pending: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['firing', 'escalated', 'reminder', 'resolved']),
      ruleId: z.string(),
      series: z.string(),
      metric: z.string(),
      target: z.string().optional(),
      severity: z.enum(['warning', 'critical']),
      value: z.number().nullable(),
      threshold: z.number(),
      since: z.number(),
      at: z.number(),
    }),
  ),
});

/** Minutes since local midnight, using the process time zone. */
export function defaultLocalMinutes(now: number): number {
  const d = new Date(now);
  return (d.getHours() * 60 + d.getMinutes()) % DAY_MINUTES;
}

/** The monitoring engine. Create with {@link createEngine}. */
export class Engine {
  readonly api: HostwatchApi;
  private settings!: Settings;
  private host!: HostInfo;
  private rules!: RuleEngine;
  private readonly policy = new AlertPolicy();
  private readonly grouper = new Grouper();
  private readonly controls = new Controls();
  private readonly channels: Channel[];
  private readonly listeners = {
    status: new Set<Listener<'status'>>(),
    event: new Set<Listener<'event'>>(),
  };
  private readonly notices = new Map<string, Status['notices'][number]>();
  private lastSnapshot: Snapshot | null = null;
  private lastSampleMono: number | null = null;
  private lastSampleWall: number | null = null;
  private cancelTick: (() => void) | null = null;
  private cancelFlush: (() => void) | null = null;
  private running = false;
  private suspended = false;
  private ticking: Promise<void> | null = null;
  private startedAt = 0;
  private status: Status | null = null;

  constructor(private readonly deps: EngineDeps) {
    this.channels = [...(deps.email ? [deps.email] : []), ...(deps.channels ?? [])];
    this.api = this.makeApi();
  }

  /** Loads settings and state; must be called before {@link start}. */
  async init(): Promise<void> {
    const loaded = await this.deps.settingsStore.load();
    this.settings = loaded.settings;
    if (loaded.problem) {
      this.addNotice('settings', 'error', loaded.problem);
      this.deps.logger.error(loaded.problem);
    }
    this.host = await this.deps.sampler.hostInfo();
    this.rules = new RuleEngine(this.settings.rules, { gapMs: this.gapMs() });
    await this.restoreState();
    this.applySettings(this.settings, false);
    this.startedAt = this.deps.clock.now();
    this.status = this.buildStatus();
  }

  /** Adds a delivery channel. */
  addChannel(channel: Channel): void {
    this.channels.push(channel);
  }

  /** Adds or clears a notice shown in status (e.g. notifications unsupported). */
  addNotice(id: string, level: 'info' | 'warning' | 'error', message: string | null): void {
    if (message === null) this.notices.delete(id);
    else this.notices.set(id, { id, level, message, time: this.deps.clock.now() });
  }

  /** Starts the self-scheduling loop. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.emitEvent({
      kind: 'system',
      code: 'started',
      severity: 'info',
      message: 'Monitoring started',
    });
    this.schedule(0);
  }

  /** Stops the loop, flushes pending batches, history and state. */
  async stop(): Promise<void> {
    this.running = false;
    this.cancelTick?.();
    this.cancelFlush?.();
    if (this.ticking) await this.ticking;
    await this.flushBatches(Number.POSITIVE_INFINITY);
    this.emitEvent({
      kind: 'system',
      code: 'stopped',
      severity: 'info',
      message: 'Monitoring stopped',
    });
    await this.deps.historyStore.close(this.deps.history);
    await this.saveState();
  }

  /** The machine sleeps: stop ticking and forget pending timers. */
  suspend(): void {
    this.suspended = true;
    this.rules.suspend();
    this.cancelTick?.();
    this.deps.logger.info('System suspend: sampling paused');
  }

  /** The machine woke up: tick again; pending timers restart. */
  resume(): void {
    if (!this.suspended) return;
    this.suspended = false;
    this.rules.suspend();
    this.deps.logger.info('System resume: sampling resumed');
    if (this.running) this.schedule(0);
  }

  /** Runs one tick now (tests drive the engine with this). */
  async tickOnce(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = this.tick().finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  /** The current status. */
  currentStatus(): Status | null {
    return this.status;
  }

  /** Number of emails waiting in the outbox. */
  outboxPending(): number {
    return this.deps.email?.pending() ?? 0;
  }

  private gapMs(): number {
    return Math.max(5_000, 3 * (this.settings?.sampling.intervalSeconds ?? 1) * 1_000);
  }

  private schedule(delayMs: number): void {
    this.cancelTick?.();
    this.cancelTick = this.deps.clock.setTimeout(() => {
      this.cancelTick = null;
      void this.tickOnce().then(() => {
        if (!this.running || this.suspended) return;
        const interval = this.settings.sampling.intervalSeconds * 1_000;
        const spent =
          this.lastSampleMono === null ? 0 : this.deps.clock.monotonic() - this.lastSampleMono;
        this.schedule(Math.max(50, interval - Math.max(0, spent)));
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const { clock } = this.deps;
    if (!this.controls.state.paused && !this.suspended) {
      try {
        const snap = await this.deps.sampler.sample();
        this.onSnapshot(snap);
      } catch (err) {
        this.deps.logger.error('Sampling failed', errorText(err));
        this.addNotice('sampler', 'error', `Sampling failed: ${errorText(err)}`);
      }
    }
    await this.flushBatches(clock.now());
    this.status = this.buildStatus();
    this.push('status', this.status);
  }

  private onSnapshot(snap: Snapshot): void {
    const { clock, logger } = this.deps;
    this.addNotice('sampler', 'error', null);
    // A wall-clock jump much larger than the monotonic step means the machine slept (Linux's
    // CLOCK_MONOTONIC stops in suspend) or the clock was changed: restart pending timers.
    if (this.lastSampleMono !== null && this.lastSampleWall !== null) {
      const monoStep = snap.mono - this.lastSampleMono;
      const wallStep = snap.time - this.lastSampleWall;
      if (Math.abs(wallStep - monoStep) > this.gapMs()) {
        logger.warn(
          `Clock jump of ${Math.round((wallStep - monoStep) / 1000)} s: pending alerts restart`,
        );
        this.rules.suspend();
      }
    }
    this.lastSnapshot = snap;
    this.lastSampleMono = snap.mono;
    this.lastSampleWall = snap.time;
    this.deps.history.append(snap);
    this.deps.historyStore.afterAppend(this.deps.history);
    this.deps.metricsLog.write(snap);

    const transitions = this.rules.evaluate(snap);
    for (const t of transitions) this.recordTransition(t);
    const now = clock.now();
    const firing = this.rules.states().filter((a) => a.state === 'firing');
    if (this.controls.releaseResolvedSnoozes(firing, now)) this.persistSoon();
    const decision = this.policy.decide({
      now,
      transitions,
      firing,
      rules: this.settings.rules,
      snooze: this.controls.snooze(now),
      maintenanceUntil: this.controls.maintenanceUntil(now),
      quietHours: this.settings.notifications.quietHours,
      localMinutes: (this.deps.localMinutes ?? defaultLocalMinutes)(now),
    });
    for (const s of decision.suppressed) {
      this.emitEvent({
        kind: 'suppressed',
        severity: s.message.kind === 'resolved' ? 'info' : s.message.severity,
        ruleId: s.message.ruleId,
        series: s.message.series,
        metric: s.message.metric,
        value: s.message.value ?? undefined,
        message: `${s.message.kind.toUpperCase()} ${s.message.series} not sent`,
        reason: s.reason,
      });
    }
    if (decision.send.length > 0) {
      this.grouper.add(decision.send, now);
      this.scheduleFlush();
    }
    if (transitions.length > 0 || decision.send.length > 0) this.persistSoon();
  }

  private recordTransition(t: Transition): void {
    const words = {
      firing: 'FIRING',
      escalated: 'ESCALATED',
      deescalated: 'DE-ESCALATED',
      resolved: 'RESOLVED',
    }[t.kind];
    const message = `${words} ${t.severity.toUpperCase()} ${t.series}: ${t.value ?? 'n/a'} (threshold ${t.threshold})`;
    this.deps.logger.info(`Rule ${t.ruleId}: ${message}`);
    this.emitEvent({
      kind: t.kind,
      severity: t.kind === 'resolved' ? 'info' : t.severity,
      ruleId: t.ruleId,
      series: t.series,
      metric: t.metric,
      value: t.value ?? undefined,
      threshold: t.threshold,
      message,
      time: t.at,
    });
  }

  private scheduleFlush(): void {
    const due = this.grouper.nextDueAt();
    if (due === null) return;
    this.cancelFlush?.();
    const delay = Math.max(0, due - this.deps.clock.now());
    this.cancelFlush = this.deps.clock.setTimeout(() => {
      this.cancelFlush = null;
      void this.flushBatches(this.deps.clock.now());
    }, delay);
  }

  private flushBatches(now: number): Promise<void> {
    const groups = now === Number.POSITIVE_INFINITY ? this.grouper.drain() : this.grouper.due(now);
    const deliveries: Promise<void>[] = [];
    for (const messages of groups) {
      const batch: AlertBatch = {
        id: batchId(messages),
        messages,
        context: this.batchContext(),
      };
      for (const channel of this.channels) {
        if (channel.name === 'email' && !this.settings.notifications.email) continue;
        if (channel.name === 'desktop' && !this.settings.notifications.desktop) continue;
        deliveries.push(
          channel.deliver(batch).catch((err: unknown) => {
            this.deps.logger.error(`Channel ${channel.name} failed`, errorText(err));
          }),
        );
      }
    }
    if (this.grouper.nextDueAt() !== null && now !== Number.POSITIVE_INFINITY) this.scheduleFlush();
    if (groups.length === 0) return Promise.resolve();
    // Only once every channel holds the batch (the outbox has it on disk) does the saved state
    // stop listing it as waiting.
    return Promise.all(deliveries).then(() => this.persistSoon());
  }

  private batchContext(): BatchContext {
    return {
      hostname: this.hostLabel(),
      dashboardUrl: this.settings.general.dashboardUrl,
      language: this.settings.general.language,
      processes: this.lastSnapshot?.processes ?? null,
      createdAt: this.deps.clock.now(),
    };
  }

  private hostLabel(): string {
    return this.settings.general.displayName || this.deps.displayName || this.host.hostname;
  }

  private isStale(): boolean {
    if (this.controls.state.paused) return false;
    if (this.lastSampleMono === null) return false;
    const limit = Math.max(10_000, 3 * this.settings.sampling.intervalSeconds * 1_000);
    return this.deps.clock.monotonic() - this.lastSampleMono > limit;
  }

  private buildStatus(): Status {
    const now = this.deps.clock.now();
    const snooze = this.controls.snooze(now);
    const alerts = this.rules
      .states()
      .map((a) => ({ ...a, snoozed: this.controls.isSnoozed(a.ruleId, now) }));
    const stale = this.isStale();
    return {
      host: { ...this.host, displayName: this.hostLabel() },
      health: this.controls.state.paused
        ? 'unknown'
        : overallHealth({ alerts, hasData: this.lastSnapshot !== null, stale }),
      paused: this.controls.state.paused,
      stale,
      snapshot: this.lastSnapshot,
      alerts,
      snooze,
      maintenanceUntil: this.controls.maintenanceUntil(now),
      notices: [...this.notices.values(), ...(this.deps.email?.notices?.() ?? [])],
      thresholds: this.rules.thresholds(),
      startedAt: this.startedAt,
      language: this.settings.general.language,
    };
  }

  /** Records an event; the event sink logs it and fans it out to {@link pushEvent}. */
  private emitEvent(e: Omit<EventRecord, 'id' | 'time'> & { time?: number }): void {
    this.deps.events.emit(e);
  }

  /** Pushes a recorded event (from the engine or an adapter such as the outbox) to the UI. */
  pushEvent(record: EventRecord): void {
    this.push('event', record);
  }

  private push<E extends PushEventName>(event: E, payload: PushEvents[E]): void {
    for (const l of this.listeners[event] as Set<Listener<E>>) {
      try {
        l(payload);
      } catch (err) {
        this.deps.logger.error('Listener failed', errorText(err));
      }
    }
  }

  private applySettings(settings: Settings, changed: boolean): void {
    this.settings = settings;
    this.deps.sampler.configure({
      diskMs: settings.sampling.diskSeconds * 1_000,
      processesMs: settings.sampling.processesSeconds * 1_000,
      temperatureMs: settings.sampling.temperatureSeconds * 1_000,
      deadlineMs: settings.sampling.deadlineSeconds * 1_000,
    });
    if (changed) this.rules.setRules(settings.rules);
    this.rules.setGapMs(this.gapMs());
    this.grouper.setWindow(settings.notifications.groupWindowSeconds * 1_000);
    this.deps.onSettings?.(settings);
  }

  private async settingsView(): Promise<SettingsView> {
    const password = await this.deps.secrets.get('smtpPassword');
    const token = await this.deps.secrets.get('agentToken');
    return {
      settings: this.settings,
      secrets: {
        smtpPassword: password !== undefined && password !== '',
        agentToken: token !== undefined && token !== '',
      },
      path: this.deps.settingsStore.path,
      secretStorage: this.deps.secrets.kind,
    };
  }

  private async restoreState(): Promise<void> {
    try {
      const raw = (await this.deps.state.load()) as
        | { controls?: unknown; rules?: unknown; policy?: unknown; grouped?: unknown }
        | null
        | undefined;
      if (!raw || typeof raw !== 'object') return;
      this.controls.restore(raw.controls);
      this.rules.restore(raw.rules);
      this.policy.restore(raw.policy);
      const grouped = groupedSchema.safeParse(raw.grouped);
      if (grouped.success && grouped.data.pending.length > 0) {
        // Messages the policy counted as sent but that had not reached a channel yet.
        this.grouper.restore(grouped.data as { pending: AlertMessage[]; openedAt: number | null });
      }
    } catch (err) {
      this.deps.logger.warn('Engine state not restored', errorText(err));
    }
  }

  private savePending: Promise<void> | null = null;

  private persistSoon(): void {
    if (this.savePending) return;
    this.savePending = Promise.resolve().then(async () => {
      this.savePending = null;
      await this.saveState();
    });
  }

  private async saveState(): Promise<void> {
    try {
      await this.deps.state.save({
        controls: this.controls.serialize(),
        rules: this.rules.serialize(),
        policy: this.policy.serialize(),
        // Saved with the policy state: a message the policy counts as sent is either here or
        // already handed to the channels (the outbox writes it to disk before it resolves).
        grouped: this.grouper.serialize(),
      });
    } catch (err) {
      this.deps.logger.error('Engine state not saved', errorText(err));
    }
  }

  private makeApi(): HostwatchApi {
    const ok = <T>(value: T): Result<T> => ({ ok: true, value });
    return {
      getStatus: () =>
        Promise.resolve(
          this.status
            ? ok(this.status)
            : { ok: false, error: { code: 'unavailable', message: 'The engine is starting' } },
        ),
      getHistory: (raw) => {
        const input = parseInput('getHistory', raw);
        if (!input.ok) return Promise.resolve(input);
        return Promise.resolve(
          ok(this.deps.history.query(input.value.metric, input.value.range, this.deps.clock.now())),
        );
      },
      getEvents: (raw) => {
        const input = parseInput('getEvents', raw);
        if (!input.ok) return Promise.resolve(input);
        return Promise.resolve(ok(this.deps.eventLog.recent(input.value)));
      },
      getSettings: async () => ok(await this.settingsView()),
      saveSettings: async (raw) => {
        const input = parseInput('saveSettings', raw);
        if (!input.ok) return input;
        // The secret first: a platform that refuses to store it (no encryption available) must
        // refuse the whole save, not half of it.
        const pw = input.value.secrets?.smtpPassword;
        if (typeof pw === 'string' || pw === null) {
          try {
            await this.deps.secrets.set('smtpPassword', pw === '' ? null : pw);
          } catch (err) {
            const message = errorText(err);
            return {
              ok: false,
              error: {
                code: 'failed',
                message,
                fields: [{ path: 'secrets.smtpPassword', message }],
              },
            };
          }
        }
        try {
          await this.deps.settingsStore.save(input.value.settings);
        } catch (err) {
          const fields = (err as { fields?: { path: string; message: string }[] }).fields;
          if (fields)
            return {
              ok: false,
              error: {
                code: 'invalid',
                message: 'Settings not saved: some fields are invalid',
                fields,
              },
            };
          return {
            ok: false,
            error: { code: 'failed', message: `Settings not saved: ${errorText(err)}` },
          };
        }
        const before = this.settings;
        this.applySettings(input.value.settings, true);
        const smtpChanged =
          JSON.stringify(before.smtp) !== JSON.stringify(input.value.settings.smtp) ||
          typeof pw === 'string';
        if (smtpChanged && this.deps.email?.retryFailed) {
          // Emails that failed for good (wrong password, wrong port) get another chance.
          void this.deps.email
            .retryFailed()
            .catch((err: unknown) =>
              this.deps.logger.warn('Retrying failed emails', errorText(err)),
            );
        }
        this.addNotice('settings', 'error', null);
        this.deps.logger.info(
          'Settings changed',
          describeSettingsChange(before, input.value.settings),
        );
        this.emitEvent({
          kind: 'system',
          code: 'settings-saved',
          severity: 'info',
          message: 'Settings saved',
        });
        this.status = this.buildStatus();
        this.push('status', this.status);
        return ok(await this.settingsView());
      },
      sendTestEmail: async () => {
        if (!this.deps.email)
          return ok({
            delivered: false,
            code: 'unavailable',
            message: 'Email is not available in this build.',
          });
        const result = await this.deps.email.sendTest(this.batchContext());
        this.emitEvent({
          kind: result.delivered ? 'delivered' : 'delivery-failed',
          severity: result.delivered ? 'info' : 'error',
          channel: 'email',
          message: result.delivered ? 'Test email delivered' : 'Test email failed',
          reason: result.delivered ? undefined : result.message,
        });
        return ok(result);
      },
      snooze: (raw) => {
        const input = parseInput('snooze', raw);
        if (!input.ok) return Promise.resolve(input);
        const now = this.deps.clock.now();
        this.controls.setSnooze(input.value.ruleId ?? null, input.value.duration, now);
        const who = input.value.ruleId ? `rule ${input.value.ruleId}` : 'all alerts';
        this.emitEvent({
          kind: 'system',
          code: input.value.duration === 'off' ? 'snooze-ended' : 'snoozed',
          params: { target: input.value.ruleId ?? '*', duration: input.value.duration },
          severity: 'info',
          ruleId: input.value.ruleId,
          message:
            input.value.duration === 'off'
              ? `Snooze ended for ${who}`
              : `Snoozed ${who} (${input.value.duration})`,
        });
        this.afterControlChange();
        return Promise.resolve(ok(this.controls.snooze(now)));
      },
      setMaintenance: (raw) => {
        const input = parseInput('setMaintenance', raw);
        if (!input.ok) return Promise.resolve(input);
        const now = this.deps.clock.now();
        this.controls.setMaintenance(input.value.minutes, now);
        this.emitEvent({
          kind: 'system',
          code: input.value.minutes === 0 ? 'maintenance-ended' : 'maintenance-started',
          params: { minutes: input.value.minutes },
          severity: 'info',
          message:
            input.value.minutes === 0
              ? 'Maintenance ended'
              : `Maintenance for ${input.value.minutes} min`,
        });
        this.afterControlChange();
        return Promise.resolve(ok({ maintenanceUntil: this.controls.maintenanceUntil(now) }));
      },
      setPaused: (raw) => {
        const input = parseInput('setPaused', raw);
        if (!input.ok) return Promise.resolve(input);
        if (input.value.paused !== this.controls.state.paused) {
          this.controls.setPaused(input.value.paused);
          if (!input.value.paused) this.rules.suspend();
          this.emitEvent({
            kind: 'system',
            code: input.value.paused ? 'paused' : 'resumed',
            severity: 'info',
            message: input.value.paused ? 'Monitoring paused' : 'Monitoring resumed',
          });
          this.afterControlChange();
        }
        return Promise.resolve(ok({ paused: this.controls.state.paused }));
      },
      on: <E extends PushEventName>(event: E, listener: Listener<E>) => {
        const set = this.listeners[event] as Set<Listener<E>>;
        set.add(listener);
        return () => {
          set.delete(listener);
        };
      },
    };
  }

  private afterControlChange(): void {
    this.persistSoon();
    this.status = this.buildStatus();
    this.push('status', this.status);
  }

  /** Exposes control state for tests and the tray. */
  controlsState(): ControlsState {
    return this.controls.state;
  }
}

/** Creates and initialises an engine. */
export async function createEngine(deps: EngineDeps): Promise<Engine> {
  const engine = new Engine(deps);
  await engine.init();
  return engine;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Lists which top-level sections changed, for the app log (never values, which may be private). */
function describeSettingsChange(before: Settings, after: Settings): string {
  const keys = Object.keys(after) as (keyof Settings)[];
  const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return changed.length ? `sections: ${changed.join(', ')}` : 'no change';
}
