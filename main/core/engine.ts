/**
 * The engine: one tick samples the machine, appends history, evaluates rules, runs the alert
 * policy and hands batches to the channels (dispatcher.ts), then pushes status. Every effect
 * comes in through the ports (engine-deps.ts, ports.ts), so the same engine runs in the tray app,
 * in the agent and in tests with a fake clock and sampler. The contract's API over it is
 * engine-api.ts.
 *
 * The loop is self-scheduling on the monotonic clock: the next tick is scheduled only when the
 * current one has finished, so a slow sample can never pile up ticks.
 */
import { LOCAL_HOST_ID } from '../shared/contract';
import type {
  BacktestAnswer,
  EventRecord,
  HistoryResponse,
  HostwatchApi,
  Notice,
  NoticeCode,
  NoticeParams,
  OperationInput,
  PromRulesFile,
  Range,
  Result,
  SettingsView,
  SnoozeState,
  Status,
  TestEmailResult,
} from '../shared/contract';
import type { AckSource, AlertState, CheckRunAnswer, SelfCost } from '../shared/contract';
import type { CheckHostAnswer } from '../shared/contract';
import type { ConnectionTestResult } from '../shared/contract';
import {
  testAlertmanager as runAlertmanagerTest,
  testConnection as runConnectionTest,
} from './connection-test';
import type { HostInfo, Snapshot } from '../shared/metrics';
import { hostTokenSecret, type Rule, type Settings } from '../shared/settings';
import { alertmanagerSecret } from '../shared/alertmanager-settings';
import { errorText } from '../shared/errors';
import { backtest, backtestSummary, type BacktestRange } from './backtest';
import { Acknowledgements } from './acks';
import { acknowledgeCommand, type AckOutcome } from './ack-command';
import { Controls, isSnoozed, type SnoozeDuration } from './controls';
import { Dispatcher } from './dispatcher';
import { createCheckRunCommand, resolveCheckHost } from './check-run';
import { createEngineApi, type EngineCommands, type EnginePushEvents } from './engine-api';
import { defaultLocalMinutes, type EngineDeps } from './engine-deps';
import { ForecastFeed } from './forecast-feed';
import { overallHealth } from './health';
import { HostRouter, type HostlessInput } from './host-router';
import type { BatchContext, Channel, NewEventRecord, Transition } from './ports';
import { RuleEngine } from './rules';
import { saveSettingsAndSecret } from './settings-save';
import { ExternalSeries, type ExternalValues } from './external-series';
import { withFleetRules } from './fleet-rules';
import { persistenceNotices, StateSaveHealth } from './persistence-health';
import { testEmailText, transitionText } from './event-text';

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
export class Engine implements EngineCommands {
  readonly api: HostwatchApi;
  /** The watched hosts: this engine is `local`; `hosts.register(id, source)` adds another. */
  readonly hosts = new HostRouter();
  private settings!: Settings;
  private host!: HostInfo;
  private rules!: RuleEngine;
  private readonly dispatcher: Dispatcher;
  private readonly controls = new Controls();
  private readonly acks = new Acknowledgements();
  private readonly listeners = {
    status: new Set<Listener<'status'>>(),
    event: new Set<Listener<'event'>>(),
  };
  private readonly notices = new Map<string, Notice>();
  private readonly external = new ExternalSeries();
  private lastSnapshot: Snapshot | null = null;
  private lastSampleMono: number | null = null;
  private lastSampleWall: number | null = null;
  private cancelTick: (() => void) | null = null;
  private running = false;
  private suspended = false;
  private ticking: Promise<void> | null = null;
  private savePending: Promise<void> | null = null;
  private startedAt = 0;
  private status: Status | null = null;
  private readonly stateHealth: StateSaveHealth;
  private readonly forecastFeed = new ForecastFeed();

  constructor(private readonly deps: EngineDeps) {
    this.stateHealth = new StateSaveHealth({
      clock: deps.clock,
      logger: deps.logger,
      path: deps.state.path ?? 'state',
      retry: () => this.persistSoon(),
    });
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
      persist: () => this.persistSoon(),
    });
    for (const channel of [...(deps.email ? [deps.email] : []), ...(deps.channels ?? [])]) {
      this.dispatcher.addChannel(channel);
    }
    this.api = createEngineApi(this, this.hosts);
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
    await this.restoreState();
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
    if (message === null) {
      this.notices.delete(id);
      return;
    }
    const time = this.deps.clock.now();
    this.notices.set(id, {
      id,
      level,
      message,
      time,
      ...(code === undefined ? {} : { code }),
      ...(params === undefined ? {} : { params }),
    });
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
    await this.saveState();
    this.stateHealth.stop();
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
    this.push('event', record);
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

  // ── commands (engine-api.ts calls these with parsed input) ────────────────────────────────

  /** The current status. */
  currentStatus(): Status | null {
    return this.status;
  }

  /** History of the given series. */
  queryHistory(metric: readonly string[], range: Range): HistoryResponse {
    return this.deps.history.query([...metric], range, this.deps.clock.now());
  }

  /** Series with history or a value in the latest snapshot. */
  knownSeries(): readonly string[] {
    const keys = new Set(this.deps.history.seriesKeys());
    for (const k of Object.keys(this.lastSnapshot?.values ?? {})) keys.add(k);
    return [...keys].sort();
  }

  /** Ids of the configured rules. */
  ruleIds(): readonly string[] {
    return this.settings.rules.map((r) => r.id);
  }

  /** Recent events, newest first. */
  recentEvents(filter: HostlessInput<'getEvents'>): EventRecord[] {
    return this.deps.eventLog.recent(filter);
  }

  /** Settings as the UI sees them: secrets only as set / not set. */
  async settingsView(): Promise<SettingsView> {
    const isSet = (v: string | undefined) => v !== undefined && v !== '';
    return {
      settings: this.settings,
      secrets: {
        smtpPassword: isSet(await this.deps.secrets.get('smtpPassword')),
        agentToken: isSet(await this.deps.secrets.get('agentToken')),
        hostTokens: Object.fromEntries(
          await Promise.all(
            this.settings.fleet.servers.map(
              async (s) =>
                [s.id, isSet(await this.deps.secrets.get(hostTokenSecret(s.id)))] as const,
            ),
          ),
        ),
        alertmanagerSecrets: Object.fromEntries(
          await Promise.all(
            this.settings.fleet.alertmanagers.map(
              async (a) =>
                [a.id, isSet(await this.deps.secrets.get(alertmanagerSecret(a.id)))] as const,
            ),
          ),
        ),
      },
      path: this.deps.settingsStore.path,
      secretStorage: this.deps.secrets.kind,
    };
  }

  /** Saves settings (and the SMTP password) as a whole, or nothing with the reason per field. */
  async saveSettings(input: OperationInput<'saveSettings'>): Promise<Result<SettingsView>> {
    // Both or neither (settings-save.ts): a refused secret restores the previous settings.
    const pw = input.secrets?.smtpPassword;
    // fleet: the first watched server brings the host-unreachable rule (fleet-rules.ts).
    const next = withFleetRules(input.settings, this.settings);
    const tokens = input.secrets?.hostTokens;
    const amSecrets = input.secrets?.alertmanagerSecrets;
    const failed = await saveSettingsAndSecret(
      this.deps,
      next,
      this.settings,
      pw,
      tokens,
      amSecrets,
    );
    if (failed) return { ok: false, error: failed };
    const before = this.settings;
    this.applySettings(next, true);
    const smtpChanged =
      JSON.stringify(before.smtp) !== JSON.stringify(input.settings.smtp) || typeof pw === 'string';
    if (smtpChanged && this.deps.email?.retryFailed) {
      // Emails that failed for good (wrong password, wrong port) get another chance.
      this.deps.email
        .retryFailed()
        .catch((err: unknown) => this.deps.logger.warn('Retrying failed emails', errorText(err)));
    }
    this.addNotice('settings', 'error', null);
    this.deps.logger.info('Settings changed', describeSettingsChange(before, input.settings));
    this.emitEvent({
      kind: 'system',
      code: 'settings-saved',
      severity: 'info',
      message: 'Settings saved',
    });
    this.refreshStatus();
    return { ok: true, value: await this.settingsView() };
  }

  /** Sends a test email through the path real alerts use. */
  async sendTestEmail(): Promise<TestEmailResult> {
    if (!this.deps.email) {
      return {
        delivered: false,
        code: 'unavailable',
        message: 'Email is not available in this build.',
      };
    }
    const result = await this.deps.email.sendTest(this.batchContext());
    this.emitEvent({
      kind: result.delivered ? 'delivered' : 'delivery-failed',
      severity: result.delivered ? 'info' : 'error',
      channel: 'email',
      code: 'test-email',
      params: { to: this.settings.smtp.to.join(', ') },
      message: testEmailText(result.delivered, this.settings.smtp.to),
      reason: result.delivered ? undefined : result.message,
      ...(!result.delivered && result.code
        ? { reasonCode: 'smtp' as const, reasonParams: { code: result.code } }
        : {}),
    });
    return result;
  }

  /** Snoozes one rule (or all, with null) or ends a snooze ('off'). */
  snooze(ruleId: string | null, duration: SnoozeDuration): SnoozeState {
    const now = this.deps.clock.now();
    this.controls.setSnooze(ruleId, duration, now);
    const who = ruleId ? `rule ${ruleId}` : 'all alerts';
    this.emitEvent({
      kind: 'system',
      code: duration === 'off' ? 'snooze-ended' : 'snoozed',
      params: { target: ruleId ?? '*', duration },
      severity: 'info',
      ruleId: ruleId ?? undefined,
      message: duration === 'off' ? `Snooze ended for ${who}` : `Snoozed ${who} (${duration})`,
    });
    this.afterControlChange();
    return this.controls.snooze(now);
  }

  /** Starts maintenance for `minutes` (0 ends it); returns its end. */
  setMaintenance(minutes: number): number | null {
    const now = this.deps.clock.now();
    this.controls.setMaintenance(minutes, now);
    this.emitEvent({
      kind: 'system',
      code: minutes === 0 ? 'maintenance-ended' : 'maintenance-started',
      params: { minutes },
      severity: 'info',
      message: minutes === 0 ? 'Maintenance ended' : `Maintenance for ${minutes} min`,
    });
    this.afterControlChange();
    return this.controls.maintenanceUntil(now);
  }

  /**
   * Acknowledges (`set`, with an optional note) or takes back (`clear`) the acknowledgement of
   * one firing instance; refused in words when the instance is not firing (ack-command.ts).
   */
  acknowledge(
    ruleId: string,
    series: string,
    note: string | undefined,
    by: AckSource,
    take: 'set' | 'clear',
  ): AckOutcome {
    const outcome = acknowledgeCommand({
      instance: { ruleId, series },
      note,
      by,
      take,
      now: this.deps.clock.now(),
      alerts: this.rules.states(),
      ruleIds: this.ruleIds(),
      acks: this.acks,
    });
    if (!outcome.ok) return outcome;
    if (outcome.event) this.emitEvent(outcome.event);
    this.afterControlChange();
    const alert = this.currentStatus()?.alerts.find(
      (a) => a.ruleId === ruleId && a.series === series,
    );
    return { ok: true, value: alert ?? outcome.value };
  }

  /** Pauses or resumes sampling; returns the new state. */
  setPaused(paused: boolean): boolean {
    if (paused !== this.controls.state.paused) {
      this.controls.setPaused(paused);
      // What was pending before the pause says nothing about the machine now.
      if (!paused) this.rules.suspend();
      this.emitEvent({
        kind: 'system',
        code: paused ? 'paused' : 'resumed',
        severity: 'info',
        message: paused ? 'Monitoring paused' : 'Monitoring resumed',
      });
      this.afterControlChange();
    }
    return this.controls.state.paused;
  }

  /** What `rule` would have done over the stored history of the range (backtest.ts). */
  runBacktest(rule: Rule, range: BacktestRange): BacktestAnswer {
    const now = this.deps.clock.now();
    const result = backtest(rule, this.deps.history, { range, now, gapMs: this.gapMs() });
    return { ...result, ...backtestSummary(result) };
  }

  /** The Prometheus rules file of the current settings, or null when this build cannot write it. */
  exportRules(): PromRulesFile | null {
    const render = this.deps.promRules;
    return render ? { fileName: 'hostwatch.rules.yml', content: render(this.settings) } : null;
  }

  /** Runs a saved endpoint check or tries an unsaved one (issue 9; core/check-run.ts). */
  runCheck(input: OperationInput<'runCheck'>): Promise<Result<CheckRunAnswer>> {
    this.checkRun ??= createCheckRunCommand(this.deps.checkRunner, () => this.settings.checks);
    return this.checkRun(input);
  }
  private checkRun:
    ((input: OperationInput<'runCheck'>) => Promise<Result<CheckRunAnswer>>) | null = null;
  /** Where a check's host goes, for the form's link-local warning (core/check-run.ts). */
  resolveCheckHost(input: OperationInput<'resolveCheckHost'>): Promise<Result<CheckHostAnswer>> {
    return resolveCheckHost(this.deps.checkRunner, input);
  }
  /** Tests a remote agent's address, pin and token (connection-test.ts). */
  testConnection(input: OperationInput<'testConnection'>): Promise<Result<ConnectionTestResult>> {
    return runConnectionTest(
      { secrets: this.deps.secrets, probe: this.deps.probeConnection },
      input,
    );
  }

  /** Tests an Alertmanager's address, pin and login (connection-test.ts). */
  testAlertmanager(
    input: OperationInput<'testAlertmanager'>,
  ): Promise<Result<ConnectionTestResult>> {
    return runAlertmanagerTest(
      { secrets: this.deps.secrets, probe: this.deps.probeAlertmanager },
      input,
    );
  }

  /** Subscribes to pushed status and events; returns the unsubscribe function. */
  subscribe<E extends PushEventName>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners[event] as Set<Listener<E>>;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
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
    if (this.controls.releaseResolvedSnoozes(firing)) this.persistSoon();
    // An acknowledgement ends with its alert; it was for that episode only.
    if (this.acks.releaseResolved(firing).length > 0) this.persistSoon();
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

  private batchContext(): BatchContext {
    return {
      hostname: this.hostLabel(),
      dashboardUrl: this.settings.general.dashboardUrl,
      language: this.settings.general.language,
      processes: this.lastSnapshot?.processes ?? null,
      createdAt: this.deps.clock.now(),
      ...(this.deps.checks ? { checks: this.deps.checks() } : {}),
    };
  }

  private hostLabel(): string {
    return this.settings.general.displayName || this.deps.displayName || this.host.hostname;
  }

  private isStale(): boolean {
    if (this.controls.state.paused || this.lastSampleMono === null) return false;
    const limit = Math.max(10_000, 3 * this.settings.sampling.intervalSeconds * 1_000);
    return this.deps.clock.monotonic() - this.lastSampleMono > limit;
  }

  private buildStatus(): Status {
    const now = this.deps.clock.now();
    const snooze = this.controls.snooze(now);
    const alerts = this.rules.states().map((a): AlertState => {
      const acknowledged = a.state === 'firing' ? this.acks.get(a) : undefined;
      return {
        ...a,
        snoozed: isSnoozed(snooze, a.ruleId),
        ...(acknowledged ? { acknowledged } : {}),
      };
    });
    const stale = this.isStale();
    const paused = this.controls.state.paused;
    return {
      hostId: LOCAL_HOST_ID,
      host: { ...this.host, displayName: this.hostLabel() },
      health: paused
        ? 'unknown'
        : overallHealth({ alerts, hasData: this.lastSnapshot !== null, stale }),
      paused,
      stale,
      snapshot: this.lastSnapshot,
      alerts,
      snooze,
      maintenanceUntil: this.controls.maintenanceUntil(now),
      notices: [
        ...this.notices.values(),
        ...(this.deps.email?.notices?.() ?? []),
        ...persistenceNotices({
          state: this.stateHealth.problem(),
          history: this.deps.historyStore.problem?.(),
          events: this.deps.eventLog.problem?.(),
        }),
      ],
      thresholds: this.rules.thresholds(),
      startedAt: this.startedAt,
      language: this.settings.general.language,
      forecasts: this.forecastFeed.list(),
      ...(this.deps.email?.delivery ? { delivery: this.deps.email.delivery() } : {}),
      ...this.selfCostField(),
      ...(this.deps.checks ? { checks: this.deps.checks() } : {}),
    };
  }

  private selfCostField(): { selfCost?: SelfCost } {
    const cost = this.deps.selfCost?.() ?? null;
    return cost ? { selfCost: cost } : {};
  }

  private refreshStatus(): void {
    this.status = this.buildStatus();
    this.push('status', this.status);
  }

  /** Records an event; the event sink logs it and fans it out to {@link pushEvent}. */
  private emitEvent(e: NewEventRecord): void {
    this.deps.events.emit(e);
  }

  private push<E extends PushEventName>(event: E, payload: EnginePushEvents[E]): void {
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
    this.dispatcher.setWindow(settings.notifications.groupWindowSeconds * 1_000);
    this.deps.onSettings?.(settings);
  }

  private afterControlChange(): void {
    this.persistSoon();
    this.refreshStatus();
  }

  private async restoreState(): Promise<void> {
    try {
      const raw = (await this.deps.state.load()) as
        | {
            controls?: unknown;
            rules?: unknown;
            policy?: unknown;
            grouped?: unknown;
            acks?: unknown;
          }
        | null
        | undefined;
      if (!raw || typeof raw !== 'object') return;
      this.controls.restore(raw.controls);
      this.rules.restore(raw.rules);
      this.dispatcher.restore(raw);
      this.acks.restore(raw.acks);
    } catch (err) {
      this.deps.logger.warn('Engine state not restored', errorText(err));
    }
  }

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
        acks: this.acks.serialize(),
        // The policy's memory and the messages still in their group window, saved together: a
        // message the policy counts as sent is either here or already held by every channel.
        ...this.dispatcher.serialize(),
      });
      this.stateHealth.succeeded();
    } catch (err) {
      // Said in status and written again with back-off (persistence-health.ts).
      this.stateHealth.failed(err);
    }
  }
}

/** Creates and initialises an engine. */
export async function createEngine(deps: EngineDeps): Promise<Engine> {
  const engine = new Engine(deps);
  await engine.init();
  return engine;
}

/** Lists which top-level sections changed, for the app log (never values, which may be private). */
function describeSettingsChange(before: Settings, after: Settings): string {
  const keys = Object.keys(after) as (keyof Settings)[];
  const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return changed.length ? `sections: ${changed.join(', ')}` : 'no change';
}
