/**
 * The engine's commands: what the UI may ask of the local engine (settings, test email, snooze,
 * maintenance, pause, acknowledge, backtest, rules export, checks, connection tests), called
 * with parsed input by engine-api.ts. The engine (engine.ts) hands in its parts and the few
 * actions a command triggers (apply settings, record an event, refresh status).
 */
import type {
  BacktestAnswer,
  CheckRunAnswer,
  ConnectionTestResult,
  EventRecord,
  HistoryResponse,
  OperationInput,
  PromRulesFile,
  Range,
  Result,
  SettingsView,
  SnoozeState,
  Status,
  TestEmailResult,
} from '../shared/contract';
import type { AckSource } from '../shared/contract';
import type { Snapshot } from '../shared/metrics';
import { hostTokenSecret, type Rule, type Settings } from '../shared/settings';
import { alertmanagerSecret } from '../shared/alertmanager-settings';
import { errorText } from '../shared/errors';
import { backtest, backtestSummary, type BacktestRange } from './backtest';
import type { Acknowledgements } from './acks';
import { acknowledgeCommand, type AckOutcome } from './ack-command';
import { createCheckRunCommand } from './check-run';
import { testConnection as runConnectionTest } from './connection-test';
import type { Controls, SnoozeDuration } from './controls';
import type { EngineCommands } from './engine-api';
import type { EngineDeps } from './engine-deps';
import { withFleetRules } from './fleet-rules';
import type { HostlessInput } from './host-router';
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
  subscribe: EngineCommands['subscribe'];
}

/** The engine's commands over its parts. */
export function createEngineCommands(ctx: CommandContext): EngineCommands {
  const { deps } = ctx;
  let checkRun: ((input: OperationInput<'runCheck'>) => Promise<Result<CheckRunAnswer>>) | null =
    null;

  const ruleIds = (): readonly string[] => ctx.settings().rules.map((r) => r.id);

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
    /** The current status. */
    currentStatus: () => ctx.status(),

    /** History of the given series. */
    queryHistory(metric: readonly string[], range: Range): HistoryResponse {
      return deps.history.query([...metric], range, deps.clock.now());
    },

    /** Series with history or a value in the latest snapshot. */
    knownSeries(): readonly string[] {
      const keys = new Set(deps.history.seriesKeys());
      for (const k of Object.keys(ctx.lastSnapshot()?.values ?? {})) keys.add(k);
      return [...keys].sort();
    },

    /** Ids of the configured rules. */
    ruleIds,

    /** Recent events, newest first. */
    recentEvents(filter: HostlessInput<'getEvents'>): EventRecord[] {
      return deps.eventLog.recent(filter);
    },

    settingsView,

    /** Saves settings (and the SMTP password) as a whole, or nothing with the reason per field. */
    async saveSettings(input: OperationInput<'saveSettings'>): Promise<Result<SettingsView>> {
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
    async sendTestEmail(): Promise<TestEmailResult> {
      if (!deps.email) {
        return {
          delivered: false,
          code: 'unavailable',
          message: 'Email is not available in this build.',
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
      return result;
    },

    /** Snoozes one rule (or all, with null) or ends a snooze ('off'). */
    snooze(ruleId: string | null, duration: SnoozeDuration): SnoozeState {
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
      return ctx.controls.snooze(now);
    },

    /** Starts maintenance for `minutes` (0 ends it); returns its end. */
    setMaintenance(minutes: number): number | null {
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
      return ctx.controls.maintenanceUntil(now);
    },

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
        now: deps.clock.now(),
        alerts: ctx.rules().states(),
        ruleIds: ruleIds(),
        acks: ctx.acks,
      });
      if (!outcome.ok) return outcome;
      if (outcome.event) ctx.emitEvent(outcome.event);
      ctx.afterControlChange();
      const alert = ctx.status()?.alerts.find((a) => a.ruleId === ruleId && a.series === series);
      return { ok: true, value: alert ?? outcome.value };
    },

    /** Pauses or resumes sampling; returns the new state. */
    setPaused(paused: boolean): boolean {
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
      return ctx.controls.state.paused;
    },

    /** What `rule` would have done over the stored history of the range (backtest.ts). */
    runBacktest(rule: Rule, range: BacktestRange): BacktestAnswer {
      const now = deps.clock.now();
      const result = backtest(rule, deps.history, { range, now, gapMs: ctx.gapMs() });
      return { ...result, ...backtestSummary(result) };
    },

    /** The Prometheus rules file of the current settings, or null when this build cannot write it. */
    exportRules(): PromRulesFile | null {
      const render = deps.promRules;
      return render ? { fileName: 'hostwatch.rules.yml', content: render(ctx.settings()) } : null;
    },

    /** Runs a saved endpoint check or tries an unsaved one (issue 9; core/check-run.ts). */
    runCheck(input: OperationInput<'runCheck'>): Promise<Result<CheckRunAnswer>> {
      checkRun ??= createCheckRunCommand(deps.checkRunner, () => ctx.settings().checks);
      return checkRun(input);
    },

    /** Tests a remote agent's address, pin and token (connection-test.ts). */
    testConnection(input: OperationInput<'testConnection'>): Promise<Result<ConnectionTestResult>> {
      return runConnectionTest({ secrets: deps.secrets, probe: deps.probeConnection }, input);
    },

    subscribe: ctx.subscribe,
  };
}

/** Lists which top-level sections changed, for the app log (never values, which may be private). */
function describeSettingsChange(before: Settings, after: Settings): string {
  const keys = Object.keys(after) as (keyof Settings)[];
  const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return changed.length ? `sections: ${changed.join(', ')}` : 'no change';
}
