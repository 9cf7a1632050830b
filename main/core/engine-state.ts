/**
 * The engine's small runtime state on disk: controls (snooze, maintenance, pause), rule states,
 * acknowledgements and the policy's memory with the messages still in their group window. Saves
 * are coalesced to one per microtask turn; a failed save is said in status and retried with
 * back-off (persistence-health.ts).
 */
import { errorText } from '../shared/errors';
import type { Acknowledgements } from './acks';
import type { Controls } from './controls';
import type { Dispatcher } from './dispatcher';
import type { EngineDeps } from './engine-deps';
import { StateSaveHealth, type PersistProblem } from './persistence-health';
import type { RuleEngine } from './rules';

/** The engine's parts whose state survives a restart. */
export interface PersistedParts {
  readonly controls: Controls;
  /** The rule engine (created when the engine loads its settings). */
  readonly rules: () => RuleEngine;
  readonly acks: Acknowledgements;
  readonly dispatcher: Dispatcher;
}

/** Restores and saves the engine's runtime state through the state port. */
export class EngineStateFile {
  private savePending: Promise<void> | null = null;
  private readonly health: StateSaveHealth;

  constructor(
    private readonly deps: Pick<EngineDeps, 'state' | 'clock' | 'logger'>,
    private readonly parts: PersistedParts,
  ) {
    this.health = new StateSaveHealth({
      clock: deps.clock,
      logger: deps.logger,
      path: deps.state.path ?? 'state',
      retry: () => this.saveSoon(),
    });
  }

  /** Restores what was saved; a missing or unreadable state is logged and ignored. */
  async restore(): Promise<void> {
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
      this.parts.controls.restore(raw.controls);
      this.parts.rules().restore(raw.rules);
      this.parts.dispatcher.restore(raw);
      this.parts.acks.restore(raw.acks);
    } catch (err) {
      this.deps.logger.warn('Engine state not restored', errorText(err));
    }
  }

  /** Saves once the current turn is done (several changes in one turn: one write). */
  saveSoon(): void {
    if (this.savePending) return;
    this.savePending = Promise.resolve().then(async () => {
      this.savePending = null;
      await this.save();
    });
  }

  /** Saves now. */
  async save(): Promise<void> {
    try {
      await this.deps.state.save({
        controls: this.parts.controls.serialize(),
        rules: this.parts.rules().serialize(),
        acks: this.parts.acks.serialize(),
        // The policy's memory and the messages still in their group window, saved together: a
        // message the policy counts as sent is either here or already held by every channel.
        ...this.parts.dispatcher.serialize(),
      });
      this.health.succeeded();
    } catch (err) {
      // Said in status and written again with back-off (persistence-health.ts).
      this.health.failed(err);
    }
  }

  /** The state cannot be written right now, or null. */
  problem(): PersistProblem | null {
    return this.health.problem();
  }

  /** Stops retrying. */
  stop(): void {
    this.health.stop();
  }
}
