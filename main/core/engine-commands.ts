/**
 * The engine's handlers: one per operation the local engine answers itself (status, history,
 * events, snooze, maintenance, pause, backtest, acknowledge as the local host; settings, test
 * email, rules export, checks, connection tests of agents and Alertmanagers from this host; the
 * check-host lookup for this instance), each called with its input parsed once by engine-api.ts
 * and answering a contract {@link Result}. The engine (engine.ts) hands in its parts and the few
 * actions a command triggers (apply settings, record an event, refresh status).
 */
import type {
  AlertState,
  CheckRunAnswer,
  OperationInput,
  Result,
  SettingsView,
  Status,
} from '../shared/contract';
import type { Snapshot } from '../shared/metrics';
import { hostTokenSecret, type Settings } from '../shared/settings';
import { alertmanagerSecret } from '../shared/alertmanager-settings';
import { errorText } from '../shared/errors';
import { backtest, backtestSummary } from './backtest';
import type { Acknowledgements } from './acks';
import { acknowledgeCommand } from './ack-command';
import { createCheckRunCommand, resolveCheckHost } from './check-run';
import { historyKeysRefusal } from './history-keys';
import {
  testAlertmanager as runAlertmanagerTest,
  testConnection as runConnectionTest,
} from './connection-test';
import type { Controls } from './controls';
import type { OperationHandlers } from './engine-api';
import type { EngineDeps } from './engine-deps';
import { withFleetRules } from './fleet-rules';
import type { HostHandler, HostlessInput } from './host-router';
import type { BatchContext, NewEventRecord } from './ports';
import type { RuleEngine } from './rules';
import { saveSettingsAndSecret } from './settings-save';
import { testEmailText } from './event-text';

/** What the commands need of the engine: its ports and parts, and the actions they trigger. */
export interface CommandContext {
  readonly deps: EngineDeps;
  readonly controls: Controls;
  readonly acks: Acknowledgements;
  settings(): Settings;
  rules(): RuleEngine;
  lastSnapshot(): Snapshot | null;
  status(): Status | null;
  gapMs(): number;
  batchContext(): BatchContext;
  /** Takes new settings (`changed`: the rules follow them too). */
  applySettings(settings: Settings, changed: boolean): void;
  /** Clears one of the engine's notices. */
  clearNotice(id: string): void;
  /** Records an event; the event sink logs it and fans it out. */
  emitEvent(e: NewEventRecord): void;
  /** Builds and pushes the status now. */
  refreshStatus(): void;
  /** Controls (snooze, pause, acks) changed: persist and push status. */
  afterControlChange(): void;
}

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

/** An `invalid` answer naming the one field at fault. */
const invalid = (path: string, message: string): Promise<Result<never>> =>
  Promise.resolve({ ok: false, error: { code: 'invalid', message, fields: [{ path, message }] } });

/**
 * A host's settings and what its Settings view does: host-scoped since a watched host's settings
 * are its own (issue 8), answered here for the local host.
 */
export type SettingsOperation =
  | 'getSettings'
  | 'saveSettings'
  | 'sendTestEmail'
  | 'exportRules'
  | 'runCheck'
  | 'testConnection'
  | 'testAlertmanager';

/** The handlers of {@link SettingsOperation}s, called with parsed input. */
export type SettingsHandlers = Pick<OperationHandlers, SettingsOperation>;

/** The operations this instance answers for itself rather than for one host. */
export type InstanceOperation = 'resolveCheckHost';

/** The handlers of {@link InstanceOperation}s, called with parsed input. */
export type InstanceHandlers = Pick<OperationHandlers, InstanceOperation>;

/** The handlers of {@link InstanceOperation}s. */
export function instanceHandlers(ctx: CommandContext): InstanceHandlers {
  return {
    /** Where a check's host goes, for the form's link-local warning (core/check-run.ts). */
    resolveCheckHost: (input) => resolveCheckHost(ctx.deps.checkRunner, input),
  };
}

/** The local host's handlers of the host-scoped operations (the router calls them). */
export function localHostHandler(ctx: CommandContext): HostHandler {
  const { deps } = ctx;
  const ruleIds = (): readonly string[] => ctx.settings().rules.map((r) => r.id);

  /**
   * Acknowledges (`set`, with an optional note) or takes back (`clear`) the acknowledgement of
   * one firing instance; refused in words when the instance is not firing (ack-command.ts).
   */
  const acknowledge = (
    { ruleId, series, by }: HostlessInput<'unacknowledge'>,
    note: string | undefined,
    take: 'set' | 'clear',
  ): Promise<Result<AlertState>> => {
    const outcome = acknowledgeCommand({
      instance: { ruleId, series },
      note,
      by,
      take,
      now: deps.clock.now(),
      alerts: ctx.rules().states(),
      ruleIds: ruleIds(),
      acks: ctx.acks,
    });
    // The event stays with the engine; the answer is the instance's state after the change.
    if (!outcome.ok) return Promise.resolve(outcome);
    if (outcome.event) ctx.emitEvent(outcome.event);
    ctx.afterControlChange();
    const alert = ctx.status()?.alerts.find((a) => a.ruleId === ruleId && a.series === series);
    return ok(alert ?? outcome.value);
  };

  return {
    ...settingsHandlers(ctx),
    getStatus: () => {
      const status = ctx.status();
      return status
        ? ok(status)
        : Promise.resolve({
            ok: false,
            error: { code: 'unavailable', message: 'The engine is starting' },
          });
    },

    /** History of the given series; a key that names nothing is refused with the known ones. */
    getHistory: ({ metric, range }) => {
      // Series with history or a value in the latest snapshot.
      const recorded = [
        ...deps.history.seriesKeys(),
        ...Object.keys(ctx.lastSnapshot()?.values ?? {}),
      ];
      const refusal = historyKeysRefusal(metric, recorded);
      if (refusal !== null) return invalid('metric', refusal);
      return ok(deps.history.query([...metric], range, deps.clock.now()));
    },

    /** Recent events, newest first. */
    getEvents: (filter) => ok(deps.eventLog.recent(filter)),

    /** Snoozes one rule (or all) or ends a snooze ('off'); an unknown rule is refused. */
    snooze: (input) => {
      const ids = ruleIds();
      if (input.ruleId !== undefined && !ids.includes(input.ruleId)) {
        return invalid(
          'ruleId',
          `No rule "${input.ruleId}"; the rules are ${ids.length ? ids.join(', ') : '(none)'}`,
        );
      }
      const ruleId = input.ruleId ?? null;
      const { duration } = input;
      const now = deps.clock.now();
      ctx.controls.setSnooze(ruleId, duration, now);
      const who = ruleId ? `rule ${ruleId}` : 'all alerts';
      ctx.emitEvent({
        kind: 'system',
        code: duration === 'off' ? 'snooze-ended' : 'snoozed',
        params: { target: ruleId ?? '*', duration },
        severity: 'info',
        ruleId: ruleId ?? undefined,
        message: duration === 'off' ? `Snooze ended for ${who}` : `Snoozed ${who} (${duration})`,
      });
      ctx.afterControlChange();
      return ok(ctx.controls.snooze(now));
    },

    /** Starts maintenance for `minutes` (0 ends it); answers its end. */
    setMaintenance: ({ minutes }) => {
      const now = deps.clock.now();
      ctx.controls.setMaintenance(minutes, now);
      ctx.emitEvent({
        kind: 'system',
        code: minutes === 0 ? 'maintenance-ended' : 'maintenance-started',
        params: { minutes },
        severity: 'info',
        message: minutes === 0 ? 'Maintenance ended' : `Maintenance for ${minutes} min`,
      });
      ctx.afterControlChange();
      return ok({ maintenanceUntil: ctx.controls.maintenanceUntil(now) });
    },

    /** Pauses or resumes sampling; answers the new state. */
    setPaused: ({ paused }) => {
      if (paused !== ctx.controls.state.paused) {
        ctx.controls.setPaused(paused);
        // What was pending before the pause says nothing about the machine now.
        if (!paused) ctx.rules().suspend();
        ctx.emitEvent({
          kind: 'system',
          code: paused ? 'paused' : 'resumed',
          severity: 'info',
          message: paused ? 'Monitoring paused' : 'Monitoring resumed',
        });
        ctx.afterControlChange();
      }
      return ok({ paused: ctx.controls.state.paused });
    },

    /** What `rule` would have done over the stored history of the range (backtest.ts). */
    backtest: ({ rule, range }) => {
      const now = deps.clock.now();
      const result = backtest(rule, deps.history, { range, now, gapMs: ctx.gapMs() });
      return ok({ ...result, ...backtestSummary(result) });
    },

    acknowledge: (input) => acknowledge(input, input.note, 'set'),
    unacknowledge: (input) => acknowledge(input, undefined, 'clear'),
  };
}

/** The local host's settings handlers (settings, email, rules export, checks, connections). */
function settingsHandlers(ctx: CommandContext): SettingsHandlers {
  const { deps } = ctx;
  let checkRun: ((input: OperationInput<'runCheck'>) => Promise<Result<CheckRunAnswer>>) | null =
    null;

  /** Settings as the UI sees them: secrets only as set / not set. */
  const settingsView = async (): Promise<SettingsView> => {
    const settings = ctx.settings();
    const isSet = (v: string | undefined) => v !== undefined && v !== '';
    return {
      settings,
      secrets: {
        smtpPassword: isSet(await deps.secrets.get('smtpPassword')),
        agentToken: isSet(await deps.secrets.get('agentToken')),
        hostTokens: Object.fromEntries(
          await Promise.all(
            settings.fleet.servers.map(
              async (s) => [s.id, isSet(await deps.secrets.get(hostTokenSecret(s.id)))] as const,
            ),
          ),
        ),
        alertmanagerSecrets: Object.fromEntries(
          await Promise.all(
            settings.fleet.alertmanagers.map(
              async (a) => [a.id, isSet(await deps.secrets.get(alertmanagerSecret(a.id)))] as const,
            ),
          ),
        ),
      },
      path: deps.settingsStore.path,
      secretStorage: deps.secrets.kind,
    };
  };

  return {
    getSettings: async () => ({ ok: true, value: await settingsView() }),

    /** Saves settings (and the SMTP password) as a whole, or nothing with the reason per field. */
    async saveSettings(input) {
      // Both or neither (settings-save.ts): a refused secret restores the previous settings.
      const pw = input.secrets?.smtpPassword;
      // fleet: the first watched server brings the host-unreachable rule (fleet-rules.ts).
      const next = withFleetRules(input.settings, ctx.settings());
      const tokens = input.secrets?.hostTokens;
      const amSecrets = input.secrets?.alertmanagerSecrets;
      const failed = await saveSettingsAndSecret(deps, next, ctx.settings(), pw, tokens, amSecrets);
      if (failed) return { ok: false, error: failed };
      const before = ctx.settings();
      ctx.applySettings(next, true);
      const smtpChanged =
        JSON.stringify(before.smtp) !== JSON.stringify(input.settings.smtp) ||
        typeof pw === 'string';
      if (smtpChanged && deps.email?.retryFailed) {
        // Emails that failed for good (wrong password, wrong port) get another chance.
        deps.email
          .retryFailed()
          .catch((err: unknown) => deps.logger.warn('Retrying failed emails', errorText(err)));
      }
      ctx.clearNotice('settings');
      deps.logger.info('Settings changed', describeSettingsChange(before, input.settings));
      ctx.emitEvent({
        kind: 'system',
        code: 'settings-saved',
        severity: 'info',
        message: 'Settings saved',
      });
      ctx.refreshStatus();
      return { ok: true, value: await settingsView() };
    },

    /** Sends a test email through the path real alerts use. */
    async sendTestEmail() {
      if (!deps.email) {
        return {
          ok: true,
          value: {
            delivered: false,
            code: 'unavailable',
            message: 'Email is not available in this build.',
          },
        };
      }
      const result = await deps.email.sendTest(ctx.batchContext());
      const to = ctx.settings().smtp.to;
      ctx.emitEvent({
        kind: result.delivered ? 'delivered' : 'delivery-failed',
        severity: result.delivered ? 'info' : 'error',
        channel: 'email',
        code: 'test-email',
        params: { to: to.join(', ') },
        message: testEmailText(result.delivered, to),
        reason: result.delivered ? undefined : result.message,
        ...(!result.delivered && result.code
          ? { reasonCode: 'smtp' as const, reasonParams: { code: result.code } }
          : {}),
      });
      return { ok: true, value: result };
    },

    /** The Prometheus rules file of the current settings, or unavailable in this build. */
    exportRules: () => {
      const render = deps.promRules;
      return render
        ? ok({ fileName: 'hostwatch.rules.yml', content: render(ctx.settings()) })
        : Promise.resolve({
            ok: false,
            error: { code: 'unavailable', message: 'This build cannot export Prometheus rules' },
          });
    },

    /** Runs a saved endpoint check or tries an unsaved one (issue 9; core/check-run.ts). */
    runCheck: (input) => {
      checkRun ??= createCheckRunCommand(deps.checkRunner, () => ctx.settings().checks);
      return checkRun(input);
    },

    /** Tests a remote agent's address, pin and token (connection-test.ts). */
    testConnection: (input) =>
      runConnectionTest({ secrets: deps.secrets, probe: deps.probeConnection }, input),

    /** Tests an Alertmanager's address, pin and login (connection-test.ts; issue 10). */
    testAlertmanager: (input) =>
      runAlertmanagerTest({ secrets: deps.secrets, probe: deps.probeAlertmanager }, input),
  };
}

/** Lists which top-level sections changed, for the app log (never values, which may be private). */
function describeSettingsChange(before: Settings, after: Settings): string {
  const keys = Object.keys(after) as (keyof Settings)[];
  const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return changed.length ? `sections: ${changed.join(', ')}` : 'no change';
}
