/**
 * The engine: one tick samples the machine, appends history, evaluates rules, runs the alert
 * policy and hands batches to the channels (dispatcher.ts), then pushes status. Every effect
 * comes in through the ports (engine-deps.ts, ports.ts), so the same engine runs in the tray app,
 * in the agent and in tests with a fake clock and sampler. This file is the lifecycle and the
 * tick loop; the commands are engine-commands.ts, the status builder engine-status.ts, the saved
 * runtime state engine-state.ts, and the contract's API over the commands engine-api.ts.
 *
 * The loop is self-scheduling on the monotonic clock: the next tick is scheduled only when the
 * current one has finished, so a slow sample can never pile up ticks.
 */
import type {
  EventRecord,
  HistoryResponse,
  HostwatchApi,
  Notice,
  NoticeCode,
  NoticeParams,
  Range,
  Status,
} from '../shared/contract';
import type { HostInfo, Snapshot } from '../shared/metrics';
import type { Settings } from '../shared/settings';
import { errorText } from '../shared/errors';
import { Acknowledgements } from './acks';
import { Controls } from './controls';
import { Dispatcher } from './dispatcher';
import { clientApi, createEngineApi, type EngineApi, type EnginePushEvents } from './engine-api';
import { defaultLocalMinutes, type EngineDeps } from './engine-deps';
import { batchContext, buildStatus, makeNotice, PushFanout } from './engine-status';
import type { StatusParts } from './engine-status';
import { ForecastFeed } from './forecast-feed';
import { HostRouter } from './host-router';
import type { BatchContext, Channel, NewEventRecord, Transition } from './ports';
import { RuleEngine } from './rules';
import { ExternalSeries, type ExternalValues } from './external-series';
import { withFleetRules } from './fleet-rules';
import { EngineStateFile } from './engine-state';
import { transitionText } from './event-text';

export type { StateStorePort } from './engine-deps';

type PushEventName = keyof EnginePushEvents;
type Listener<E extends PushEventName> = (payload: EnginePushEvents[E]) => void;

const TRANSITION_WORDS: Record<Transition['kind'], string> = {
  firing: 'FIRING',
  escalated: 'ESCALATED',
  deescalated: 'DE-ESCALATED',
  resolved: 'RESOLVED',
};

/** The monitoring engine. Create with {@link createEngine}. */
export class Engine {
  /** One handler per operation, with parsed input: what both transports are generated from. */
  readonly operations: EngineApi;
  /** The same for in-process callers (tray menu, tests): each input parsed, then handled. */
  readonly api: HostwatchApi;
  /** The watched hosts: this engine is `local`; `hosts.register(id, source)` adds another. */
  readonly hosts = new HostRouter();
  private settings!: Settings;
  private host!: HostInfo;
  private rules!: RuleEngine;
  private readonly dispatcher: Dispatcher;
  private readonly controls = new Controls();
  private readonly acks = new Acknowledgements();
  private readonly pushes: PushFanout;
  private readonly notices = new Map<string, Notice>();
  private readonly external = new ExternalSeries();
  private lastSnapshot: Snapshot | null = null;
  private lastSampleMono: number | null = null;
  private lastSampleWall: number | null = null;
  private cancelTick: (() => void) | null = null;
  private running = false;
  private suspended = false;
  private ticking: Promise<void> | null = null;
  private startedAt = 0;
  private status: Status | null = null;
  private readonly stateFile: EngineStateFile;
  private readonly forecastFeed = new ForecastFeed();

  constructor(private readonly deps: EngineDeps) {
    this.pushes = new PushFanout(deps.logger);
    this.dispatcher = new Dispatcher({
      clock: deps.clock,
      logger: deps.logger,
      events: deps.events,
      enabled: (name) =>
        name === 'email'
          ? this.settings.notifications.email
          : name === 'desktop'
            ? this.settings.notifications.desktop
            : true,
      context: () => this.batchContext(),
      persist: () => this.stateFile.saveSoon(),
    });
    this.stateFile = new EngineStateFile(deps, {
      controls: this.controls,
      rules: () => this.rules,
      acks: this.acks,
      dispatcher: this.dispatcher,
    });
    for (const channel of [...(deps.email ? [deps.email] : []), ...(deps.channels ?? [])]) {
      this.dispatcher.addChannel(channel);
    }
    this.operations = createEngineApi(
      {
        deps,
        controls: this.controls,
        acks: this.acks,
        settings: () => this.settings,
        rules: () => this.rules,
        lastSnapshot: () => this.lastSnapshot,
        status: () => this.status,
        gapMs: () => this.gapMs(),
        batchContext: () => this.batchContext(),
        applySettings: (settings, changed) => this.applySettings(settings, changed),
        clearNotice: (id) => this.addNotice(id, 'error', null),
        emitEvent: (e) => this.emitEvent(e),
        refreshStatus: () => this.refreshStatus(),
        afterControlChange: () => this.afterControlChange(),
        subscribe: (event, listener) => this.subscribe(event, listener),
      },
      this.hosts,
    );
    this.api = clientApi(this.operations);
  }

  /** Loads settings and state; must be called before {@link start}. */
  async init(): Promise<void> {
    const loaded = await this.deps.settingsStore.load();
    // fleet: servers written by hand or by --watch bring their unreachable rule (fleet-rules.ts).
    this.settings = withFleetRules(loaded.settings);
    if (loaded.problem) {
      this.addNotice('settings', 'error', loaded.problem, loaded.problemCode, loaded.problemParams);
      this.deps.logger.error(loaded.problem);
    }
    this.host = await this.deps.sampler.hostInfo();
    this.rules = new RuleEngine(this.settings.rules, { gapMs: this.gapMs() });
    await this.stateFile.restore();
    this.applySettings(this.settings, false);
    this.startedAt = this.deps.clock.now();
    this.status = this.buildStatus();
  }

  /** Adds a delivery channel. */
  addChannel(channel: Channel): void {
    this.dispatcher.addChannel(channel);
  }

  /**
   * Adds or clears (`message` null) a notice shown in status, e.g. notifications unsupported;
   * `message` is English, `code` and `params` let a UI say it in its own language.
   */
  addNotice(
    id: string,
    level: Notice['level'],
    message: string | null,
    code?: NoticeCode,
    params?: NoticeParams,
  ): void {
    if (message === null) this.notices.delete(id);
    else this.notices.set(id, makeNotice(id, level, message, this.deps.clock.now(), code, params));
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

  /** Stops the loop, delivers what waits for its group window, flushes history and state. */
  async stop(): Promise<void> {
    this.running = false;
    this.cancelTick?.();
    if (this.ticking) await this.ticking;
    await this.dispatcher.drain();
    this.emitEvent({
      kind: 'system',
      code: 'stopped',
      severity: 'info',
      message: 'Monitoring stopped',
    });
    await this.deps.historyStore.close(this.deps.history);
    await this.stateFile.save();
    this.stateFile.stop();
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

  /** Hands series values (one check run) to the next tick only (external-series.ts). */
  pushExternal(values: ExternalValues): void {
    this.external.push(values);
  }

  /** Pushes a recorded event (from the engine or an adapter such as the outbox) to the UI. */
  pushEvent(record: EventRecord): void {
    this.pushes.push('event', record);
  }

  /**
   * Feeds series from outside the sampler (fleet liveness, endpoint checks) into every tick
   * (external-series.ts): null, non-finite and stale values are undefined to the rules. The
   * values are dropped after `maxAgeMs` (default: the sampling gap, ≥ 5 s; null keeps them).
   */
  setExternal(
    sourceId: string,
    values: ExternalValues,
    options: { maxAgeMs?: number | null } = {},
  ): void {
    const maxAge = options.maxAgeMs === undefined ? this.gapMs() : options.maxAgeMs;
    this.external.set(sourceId, values, this.deps.clock.monotonic(), maxAge);
  }

  /** Forgets an external source's series (its host or check was removed). */
  clearExternal(sourceId: string): void {
    this.external.clear(sourceId);
  }

  /** The current status. */
  currentStatus(): Status | null {
    return this.status;
  }

  /** History of the given series. */
  queryHistory(metric: readonly string[], range: Range): HistoryResponse {
    return this.deps.history.query([...metric], range, this.deps.clock.now());
  }

  /** Ids of the configured rules. */
  ruleIds(): readonly string[] {
    return this.settings.rules.map((r) => r.id);
  }

  /** Subscribes to pushed status and events; returns the unsubscribe function. */
  subscribe<E extends PushEventName>(event: E, listener: Listener<E>): () => void {
    return this.pushes.subscribe(event, listener);
  }

  // ── the loop ──────────────────────────────────────────────────────────────────────────────

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
    if (!this.controls.state.paused && !this.suspended) {
      try {
        this.onSnapshot(await this.deps.sampler.sample());
      } catch (err) {
        const error = errorText(err);
        this.deps.logger.error('Sampling failed', error);
        this.addNotice('sampler', 'error', `Sampling failed: ${error}`, 'sampling-failed', {
          error,
        });
      }
    }
    await this.dispatcher.flush(this.deps.clock.now());
    this.refreshStatus();
  }

  private onSnapshot(sampled: Snapshot): void {
    const { clock, logger } = this.deps;
    const merged: Snapshot = {
      ...sampled,
      values: this.external.merge(sampled.values, clock.monotonic()),
    };
    this.addNotice('sampler', 'error', null);
    // A wall-clock jump much larger than the monotonic step means the machine slept (Linux's
    // CLOCK_MONOTONIC stops in suspend) or the clock was changed: restart pending timers.
    if (this.lastSampleMono !== null && this.lastSampleWall !== null) {
      const drift = sampled.time - this.lastSampleWall - (sampled.mono - this.lastSampleMono);
      if (Math.abs(drift) > this.gapMs()) {
        logger.warn(`Clock jump of ${Math.round(drift / 1000)} s: pending alerts restart`);
        this.rules.suspend();
      }
    }
    // Forecasts are refitted once a minute; their series join every snapshot (forecast-feed.ts).
    const snap = this.forecastFeed.augment(merged, this.deps.history, this.settings.rules);
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
    if (this.controls.releaseResolvedSnoozes(firing)) this.stateFile.saveSoon();
    // An acknowledgement ends with its alert; it was for that episode only.
    if (this.acks.releaseResolved(firing).length > 0) this.stateFile.saveSoon();
    this.dispatcher.decide({
      now,
      transitions,
      firing,
      rules: this.settings.rules,
      snooze: this.controls.snooze(now),
      maintenanceUntil: this.controls.maintenanceUntil(now),
      quietHours: this.settings.notifications.quietHours,
      localMinutes: (this.deps.localMinutes ?? defaultLocalMinutes)(now),
      acknowledged: (instance) => this.acks.get(instance),
    });
  }

  private recordTransition(t: Transition): void {
    const message = transitionText(t);
    this.deps.logger.info(`Rule ${t.ruleId} ${TRANSITION_WORDS[t.kind]}: ${message}`);
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

  private statusParts(): StatusParts {
    return {
      deps: this.deps,
      settings: this.settings,
      host: this.host,
      rules: this.rules,
      controls: this.controls,
      acks: this.acks,
      lastSnapshot: this.lastSnapshot,
      lastSampleMono: this.lastSampleMono,
      notices: this.notices.values(),
      stateProblem: this.stateFile.problem(),
      startedAt: this.startedAt,
      forecasts: this.forecastFeed.list(),
    };
  }

  private batchContext(): BatchContext {
    return batchContext(this.statusParts());
  }

  private buildStatus(): Status {
    return buildStatus(this.statusParts());
  }

  private refreshStatus(): void {
    this.status = this.buildStatus();
    this.pushes.push('status', this.status);
  }

  /** Records an event; the event sink logs it and fans it out to {@link pushEvent}. */
  private emitEvent(e: NewEventRecord): void {
    this.deps.events.emit(e);
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
    this.dispatcher.setWindow(settings.notifications.groupWindowSeconds * 1_000);
    this.deps.onSettings?.(settings);
  }

  private afterControlChange(): void {
    this.stateFile.saveSoon();
    this.refreshStatus();
  }
}

/** Creates and initialises an engine. */
export async function createEngine(deps: EngineDeps): Promise<Engine> {
  const engine = new Engine(deps);
  await engine.init();
  return engine;
}
