/**
 * The contract's API over the engine: every input is parsed with its schema from the contract,
 * and every answer is a {@link Result}. Both transports (IPC, HTTP) sit on top of this.
 */
import {
  parseInput,
  type EventRecord,
  type HistoryResponse,
  type HostwatchApi,
  type OperationInput,
  type PushEventName,
  type PushEvents,
  type Range,
  type Result,
  type SettingsView,
  type SnoozeState,
  type Status,
  type TestEmailResult,
} from '../shared/contract';
import type { SnoozeDuration } from './controls';

/** The engine's commands, called with parsed input. */
export interface EngineCommands {
  currentStatus(): Status | null;
  queryHistory(metric: readonly string[], range: Range): HistoryResponse;
  recentEvents(filter: OperationInput<'getEvents'>): EventRecord[];
  settingsView(): Promise<SettingsView>;
  saveSettings(input: OperationInput<'saveSettings'>): Promise<Result<SettingsView>>;
  sendTestEmail(): Promise<TestEmailResult>;
  snooze(ruleId: string | null, duration: SnoozeDuration): SnoozeState;
  setMaintenance(minutes: number): number | null;
  setPaused(paused: boolean): boolean;
  subscribe<E extends PushEventName>(
    event: E,
    listener: (payload: PushEvents[E]) => void,
  ): () => void;
}

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

/** Builds the contract's API over the engine's commands. */
export function createEngineApi(engine: EngineCommands): HostwatchApi {
  return {
    getStatus: () => {
      const status = engine.currentStatus();
      return status
        ? ok(status)
        : Promise.resolve({
            ok: false,
            error: { code: 'unavailable', message: 'The engine is starting' },
          });
    },
    getHistory: (raw) => {
      const input = parseInput('getHistory', raw);
      return input.ok
        ? ok(engine.queryHistory(input.value.metric, input.value.range))
        : Promise.resolve(input);
    },
    getEvents: (raw) => {
      const input = parseInput('getEvents', raw);
      return input.ok ? ok(engine.recentEvents(input.value)) : Promise.resolve(input);
    },
    getSettings: async () => ({ ok: true, value: await engine.settingsView() }),
    saveSettings: (raw) => {
      const input = parseInput('saveSettings', raw);
      return input.ok ? engine.saveSettings(input.value) : Promise.resolve(input);
    },
    sendTestEmail: async () => ({ ok: true, value: await engine.sendTestEmail() }),
    snooze: (raw) => {
      const input = parseInput('snooze', raw);
      return input.ok
        ? ok(engine.snooze(input.value.ruleId ?? null, input.value.duration))
        : Promise.resolve(input);
    },
    setMaintenance: (raw) => {
      const input = parseInput('setMaintenance', raw);
      return input.ok
        ? ok({ maintenanceUntil: engine.setMaintenance(input.value.minutes) })
        : Promise.resolve(input);
    },
    setPaused: (raw) => {
      const input = parseInput('setPaused', raw);
      return input.ok
        ? ok({ paused: engine.setPaused(input.value.paused) })
        : Promise.resolve(input);
    },
    on: (event, listener) => engine.subscribe(event, listener),
  };
}
