/**
 * Wires the engine to the real world: the sampler worker, files in the data directory, the
 * email outbox and the logs. Both shells call {@link createNodeEngine}; the tray app passes its
 * own secret store (safeStorage) and channels (native notifications).
 */
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../core/engine';
import { createSelfCostMeter, type ProcessCostSample } from './self-cost-proc';
import { createCpuBudgetWiring } from './cpu-budget-wiring';
import type { EngineHandle } from '../core/engine-handle';
import type { HostRouter } from '../core/host-router';
import type { LoadedSettings, SecretStore, SettingsStorePort } from '../core/ports';
import type { Status } from '../shared/contract';
import { settingsSchema, type Settings } from '../shared/settings';
import { systemClock } from './clock';
import { timeScaledSampler } from './sampler/time-scale';
import { createEventLog, createEventSink } from './event-log';
import { createHistoryStore } from './history-store';
import { createJsonStateStore } from './json-state';
import type { LogProblem } from './log-guard';
import { createLogging } from './logger';
import { createEmailChannel } from './mailer/email-channel';
import { parseAlertTo, parseSmtpUrl } from './mailer/smtp-url';
import { logDir as logDirOf } from './paths';
import { renderPromRulesYaml } from './prom-rules-file';
import { createSampler } from './sampler/index';
import { createFileSecretStore } from './secrets-file';
import { createSettingsStore } from './settings-store';
import { applyCommandLineWatch } from './fleet/watch-options';
import type { WatchTarget } from '../shared/watch-target';
import { startFleet, type FleetService, type FleetWiring } from './fleet/fleet-wiring';
import { alertmanagerProbe } from './fleet/alertmanager-probe';
import { agentProbe } from './fleet/probe';
import {
  followAlertmanagerSettings,
  type AlertmanagerSettingsWatches,
} from './fleet/alertmanager-watches';
import { alertmanagerSecret } from '../shared/alertmanager-settings';
import type { AlertState, FleetHost } from '../shared/contract';
import { createCheckWiring, type CheckWiringOptions } from './checks/wire';
import type { Check, CheckResult } from '../shared/checks';
import { addChecks } from '../shared/check-rules';
import { createHeartbeat, heartbeatClock } from './heartbeat';
import type { Heartbeat } from '../core/heartbeat';

/** Options of {@link createNodeEngine}. */
export interface NodeEngineOptions {
  readonly dataDir: string;
  /** Settings file; default DATA_DIR/settings.json. */
  readonly settingsPath?: string;
  /** Secret store; default a 0600 file in the data dir (env variables win). */
  readonly secrets?: SecretStore;
  /** nodemailer URL form, e.g. smtps://user:pass@host:465 (agent --smtp). */
  readonly smtpUrl?: string;
  /** Comma-separated recipients (agent --alert-to). */
  readonly alertTo?: string;
  /** Sender address (agent --alert-from); default the SMTP user when it is an address. */
  readonly alertFrom?: string;
  /** Path of the sampler worker bundle. */
  readonly workerPath?: string;
  /** fleet: hosts to watch from `--watch` / `--watch-file`, added to the settings. */
  readonly watch?: readonly WatchTarget[];
  /** The shell's other processes (Electron's app metrics), counted in Hostwatch's own cost. */
  readonly otherProcesses?: () => readonly ProcessCostSample[];
  /** Checks to add with defaults (agent --check URL), already parsed (main/shared/checks.ts). */
  readonly checks?: readonly Check[];
  /** Scheduler options of the endpoint checks (tests, benchmarks). */
  readonly checkScheduler?: CheckWiringOptions['scheduler'];
  /** How checks resolve names (agent `--resolve NAME:ADDRESS`); the system resolver by default. */
  readonly checkLookup?: CheckWiringOptions['lookup'];
}

/** A running engine with the extras the agent needs. */
export interface NodeEngine extends EngineHandle {
  readonly secrets: SecretStore;
  /** The watched hosts; `hosts.register(id, source)` adds a remote one (see core/host-router.ts). */
  readonly hosts: HostRouter;
  /** Adds or clears a notice shown in status (see {@link Engine.addNotice}). */
  addNotice: Engine['addNotice'];
  /** The remote servers this instance watches (fleet/fleet-service.ts). */
  readonly fleet: FleetService;
  /** Feeds series from outside the sampler into every tick (see {@link Engine.setExternal}). */
  setExternal: Engine['setExternal'];
  /** Forgets an external source's series (see {@link Engine.clearExternal}). */
  clearExternal: Engine['clearExternal'];
  status(): Status | null;
  outboxPending(): number;
  /** Runs a configured endpoint check now; undefined for an unknown id. */
  runCheck(id: string): Promise<CheckResult | undefined>;
  /**
   * Alerts a `settings.fleet.alertmanagers` source shows for the first time (the tray app
   * notifies); returns the unsubscribe function. The sources follow every settings change.
   */
  onAlertmanagerAlerts(
    listener: (host: FleetHost, alerts: readonly AlertState[]) => void,
  ): () => void;
}

/** Creates the engine with real adapters, ready to {@link NodeEngine.start}. */
export async function createNodeEngine(options: NodeEngineOptions): Promise<NodeEngine> {
  const { dataDir } = options;
  const clock = systemClock;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logDir = logDirOf(dataDir);
  let engineRef: Engine | null = null;
  let logProblem: LogProblem | null = null;
  const showLogProblem = (): void =>
    engineRef?.addNotice(
      'logs',
      'warning',
      logProblem
        ? `Logs cannot be written to ${logProblem.path} (${logProblem.error}); monitoring and email go on`
        : null,
      'logs-unwritable',
      logProblem ? { path: logProblem.path, error: logProblem.error } : undefined,
    );
  const logging = createLogging({
    dir: logDir,
    maxFileMB: 5,
    keepFiles: 5,
    clock,
    onProblem: (p) => {
      logProblem = p;
      showLogProblem();
    },
  });
  const log = logging.scope('engine');

  const fileSecrets =
    options.secrets ??
    createFileSecretStore({
      path: join(dataDir, 'secrets.json'),
      logger: logging.scope('secrets'),
    });
  const override = options.smtpUrl ? parseSmtpUrl(options.smtpUrl) : undefined;
  const base: SecretStore = override?.password
    ? {
        kind: 'environment',
        get: (name) =>
          name === 'smtpPassword' ? Promise.resolve(override.password) : fileSecrets.get(name),
        set: (name, value) => fileSecrets.set(name, value),
      }
    : fileSecrets;
  // The mail transport reads the password synchronously when it sends, so keep it cached and
  // refresh the cache on every write.
  let smtpPassword = await base.get('smtpPassword');
  const secrets: SecretStore = {
    kind: base.kind,
    get: (name) => (name === 'smtpPassword' ? Promise.resolve(smtpPassword) : base.get(name)),
    async set(name, value) {
      await base.set(name, value);
      if (name === 'smtpPassword') smtpPassword = await base.get('smtpPassword');
    },
  };

  const fileSettings = createSettingsStore({
    path: options.settingsPath ?? join(dataDir, 'settings.json'),
    logger: logging.scope('settings'),
  });
  let applied = await applyCommandLineSmtp(
    fileSettings,
    override?.smtp,
    options.alertTo,
    options.alertFrom,
  );
  // fleet: --watch / --watch-file targets go into settings.fleet.servers (tokens: secrets).
  applied =
    (await applyCommandLineWatch(fileSettings, secrets, options.watch ?? [], applied)) ?? applied;
  if (options.checks?.length)
    applied = await applyCommandLineChecks(fileSettings, applied, options.checks);
  // The engine's start-up load gets what the command line just wrote (with any problem the
  // file had, which the save would otherwise clear) instead of reading the file again.
  const settingsStore: SettingsStorePort = {
    path: fileSettings.path,
    load() {
      const first = applied;
      applied = undefined;
      return first ? Promise.resolve(first) : fileSettings.load();
    },
    save: (settings) => fileSettings.save(settings),
  };

  const sampler = timeScaledSampler(
    createSampler({ workerPath: options.workerPath, logger: logging.scope('sampler') }),
    Number(process.env.HOSTWATCH_SAMPLE_TIME_SCALE ?? 1),
  );
  // own CPU budget (issue 11): slows the expensive collectors while Hostwatch costs too much
  const budget = createCpuBudgetWiring({
    sampler,
    events: { emit: (e) => events.emit(e) },
    addNotice: (...args) => engineRef?.addNotice(...args),
    logger: logging.scope('budget'),
    timeScale: Number(process.env.HOSTWATCH_CPU_BUDGET_SCALE ?? 1),
  });
  const historyStore = createHistoryStore({
    dir: join(dataDir, 'history'),
    logger: logging.scope('history'),
  });
  const history = await historyStore.load();
  const eventsLog = logging.scope('events');
  const eventLog = createEventLog({ path: join(dataDir, 'events.jsonl'), logger: eventsLog });
  const events = createEventSink(
    eventLog,
    (e) => {
      eventsLog.info(`${e.kind}: ${e.message}${e.reason ? ` (${e.reason})` : ''}`);
      engineRef?.pushEvent(e);
    },
    undefined,
    clock,
  );
  let current: Settings | null = null;
  let fleetWire: FleetWiring | null = null;
  let amWatches: AlertmanagerSettingsWatches | null = null;
  let heartbeat: Heartbeat | null = null;
  const amListeners = new Set<(host: FleetHost, alerts: readonly AlertState[]) => void>();
  const checks = createCheckWiring({
    push: (values) => engineRef?.pushExternal(values),
    logger: logging.scope('checks'),
    scheduler: options.checkScheduler,
    lookup: options.checkLookup,
  });
  const email = createEmailChannel({
    dir: join(dataDir, 'outbox'),
    clock,
    events,
    logger: logging.scope('email'),
    config: () => ({ smtp: current!.smtp, password: smtpPassword }),
  });

  const engine = await createEngine({
    clock,
    sampler: budget.sampler,
    settingsStore,
    secrets,
    history,
    historyStore,
    state: createJsonStateStore(join(dataDir, 'state.json'), logging.scope('state')),
    eventLog,
    events,
    metricsLog: logging.metrics,
    logger: log,
    email,
    displayName: hostname(),
    promRules: (s) => renderPromRulesYaml(s),
    selfCost: createSelfCostMeter({
      monotonic: () => clock.monotonic(),
      ...(options.otherProcesses ? { otherProcesses: options.otherProcesses } : {}),
      throttled: () => budget.throttled(),
      onReading: (cost, mono) => budget.observe(cost, mono),
    }),
    onSettings: (s) => {
      current = s;
      logging.reconfigure(s.logging);
      fleetWire?.applySoon(s);
      void amWatches?.apply(s.fleet.alertmanagers);
      checks.setChecks(s.checks);
      heartbeat?.apply(s.heartbeat);
      budget.apply(s.selfCost);
    },
    checks: () => checks.rows(),
    checkRunner: checks.runner,
    probeConnection: agentProbe,
    probeAlertmanager: alertmanagerProbe,
  });
  engineRef = engine;
  // fleet: remote servers followed from settings.fleet.servers (fleet/fleet-wiring.ts)
  const fleetRef = await startFleet(engine, {
    events,
    secrets,
    dataDir,
    logger: logging.scope('fleet'),
    clock,
    settings: current!,
  });
  fleetWire = fleetRef;
  // Alertmanager sources of the settings (issue 10), restarted as the settings change.
  amWatches = followAlertmanagerSettings((id) => secrets.get(alertmanagerSecret(id)), {
    router: engine.hosts,
    logger: logging.scope('alertmanager'),
    onNewAlerts: (host, alerts) => amListeners.forEach((l) => l(host, alerts)),
  });
  await amWatches.apply(current!.fleet.alertmanagers);
  showLogProblem();
  // heartbeat (issue 11): daily summary email and dead-man URL ping, started with the engine
  heartbeat = createHeartbeat({
    clock: heartbeatClock(clock, Number(process.env.HOSTWATCH_HEARTBEAT_SCALE ?? 1)),
    logger: logging.scope('heartbeat'),
    email,
    status: () => engine.currentStatus(),
    settings: () => current!,
    hostname: hostname(),
    addNotice: (...args) => engine.addNotice(...args),
  });
  let started = false;

  return {
    operations: engine.operations,
    api: engine.api,
    hosts: engine.hosts,
    addNotice: (...args) => engine.addNotice(...args),
    fleet: fleetRef.service,
    setExternal: (...args) => engine.setExternal(...args),
    clearExternal: (...args) => engine.clearExternal(...args),
    secrets,
    dataDir,
    logDir,
    start() {
      if (!started) {
        started = true;
        email.start();
        engine.start();
        checks.start();
        heartbeat?.apply(current!.heartbeat);
        log.info(`Hostwatch started (data ${dataDir})`);
      }
      return Promise.resolve();
    },
    async stop() {
      amWatches?.stop();
      heartbeat?.stop();
      await fleetRef.service.stop();
      checks.stop();
      await engine.stop();
      await email.stop();
      await sampler.close();
      log.info('Hostwatch stopped');
      await logging.close();
    },
    suspend: () => engine.suspend(),
    resume: () => engine.resume(),
    addChannel: (c) => engine.addChannel(c),
    logger: (scope) => logging.scope(scope),
    status: () => engine.currentStatus(),
    outboxPending: () => email.pending(),
    runCheck: (id) => checks.runNow(id),
    onAlertmanagerAlerts(listener) {
      amListeners.add(listener);
      return () => void amListeners.delete(listener);
    },
  };
}

/**
 * Applies `--smtp` / `--alert-to` / `--alert-from` to the settings file, so the dashboard shows
 * what the unit file configured, and returns the settings it saved (undefined without those
 * options). Invalid values stop the start with the schema's message.
 */
async function applyCommandLineSmtp(
  store: SettingsStorePort,
  smtp: Partial<Settings['smtp']> | undefined,
  alertTo: string | undefined,
  alertFrom: string | undefined,
): Promise<LoadedSettings | undefined> {
  if (!smtp && !alertTo && !alertFrom) return undefined;
  const { settings, ...problem } = await store.load();
  const to = alertTo ? parseAlertTo(alertTo) : settings.smtp.to;
  const next = {
    ...settings,
    smtp: {
      ...settings.smtp,
      ...smtp,
      to,
      enabled: true,
      from: alertFrom || settings.smtp.from || smtp?.username || '',
    },
  };
  const parsed = settingsSchema.safeParse(next);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    const hint = parsed.error.issues.some((i) => i.path.join('.') === 'smtp.from')
      ? ' (give the sender with --alert-from ADDRESS, or use an email address as the SMTP user)'
      : '';
    throw new Error(`--smtp/--alert-to: ${msg}${hint}`);
  }
  await store.save(parsed.data);
  return { ...problem, settings: parsed.data };
}

/**
 * Adds `--check URL` checks (with their default rules) to the settings file, so the dashboard
 * shows them and they survive a restart; a check whose id exists is left as the user edited it.
 */
async function applyCommandLineChecks(
  store: SettingsStorePort,
  applied: LoadedSettings | undefined,
  checks: readonly Check[],
): Promise<LoadedSettings> {
  const { settings, ...problem } = applied ?? (await store.load());
  const parsed = settingsSchema.safeParse(addChecks(settings, checks));
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`--check: ${msg}`);
  }
  await store.save(parsed.data);
  return { ...problem, settings: parsed.data };
}
