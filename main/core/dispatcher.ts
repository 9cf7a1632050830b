/**
 * Alert policy → grouping → channels: turns rule transitions into messages, holds them for the
 * grouping window and hands each batch to every enabled channel. Messages the policy counted as
 * sent are persisted until every channel holds them, so a crash inside the window loses nothing.
 */
import { z } from 'zod';
import { errorText } from '../shared/errors';
import { Grouper, batchId } from './grouping';
import { AlertPolicy, type PolicyInput } from './policy';
import type { AlertMessage, BatchContext, Channel, Clock, EventSink, Logger } from './ports';
import { heldBackText } from './event-text';

const messageSchema = z.object({
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
});
const groupedSchema = z.object({
  openedAt: z.number().nullable(),
  pending: z.array(messageSchema),
});

/** What the dispatcher needs. */
export interface DispatcherDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly events: EventSink;
  /** Whether a channel is turned on in the settings. */
  readonly enabled: (channel: string) => boolean;
  /** Host name, dashboard, language and top processes for the message text. */
  readonly context: () => BatchContext;
  /** Asks the engine to save its state soon. */
  readonly persist: () => void;
}

/** Decides, groups and delivers alert messages. */
export class Dispatcher {
  private readonly policy = new AlertPolicy();
  private readonly grouper = new Grouper();
  private readonly channels: Channel[] = [];
  private cancelFlush: (() => void) | null = null;

  constructor(private readonly deps: DispatcherDeps) {}

  /** Adds a delivery channel. */
  addChannel(channel: Channel): void {
    this.channels.push(channel);
  }

  /** Sets the grouping window. */
  setWindow(ms: number): void {
    this.grouper.setWindow(ms);
  }

  /** Runs the policy; held-back messages become events, the rest wait for their window. */
  decide(input: PolicyInput): void {
    const decision = this.policy.decide(input);
    for (const { message: m, reason, code, params } of decision.suppressed) {
      this.deps.events.emit({
        kind: 'suppressed',
        severity: m.kind === 'resolved' ? 'info' : m.severity,
        ruleId: m.ruleId,
        series: m.series,
        metric: m.metric,
        value: m.value ?? undefined,
        message: heldBackText(m),
        reason,
        reasonCode: code,
        reasonParams: params,
      });
    }
    if (decision.send.length > 0) {
      this.grouper.add(decision.send, input.now);
      this.scheduleFlush();
    }
    if (input.transitions.length > 0 || decision.send.length > 0) this.deps.persist();
  }

  /** Delivers the batches whose window has closed by `now`. */
  flush(now: number): Promise<void> {
    const delivered = this.deliver(this.grouper.due(now));
    if (this.grouper.nextDueAt() !== null) this.scheduleFlush();
    return delivered;
  }

  /** Delivers everything waiting, regardless of the window (on shutdown). */
  drain(): Promise<void> {
    this.cancelFlush?.();
    return this.deliver(this.grouper.drain());
  }

  /** State to persist: the policy's memory and the messages still waiting. */
  serialize(): { policy: unknown; grouped: unknown } {
    return { policy: this.policy.serialize(), grouped: this.grouper.serialize() };
  }

  /** Restores {@link serialize}d state; invalid parts are ignored. */
  restore(state: { policy?: unknown; grouped?: unknown }): void {
    this.policy.restore(state.policy);
    const grouped = groupedSchema.safeParse(state.grouped);
    if (grouped.success && grouped.data.pending.length > 0) {
      // Messages the policy counted as sent that had not reached a channel before the stop.
      this.grouper.restore(grouped.data as { pending: AlertMessage[]; openedAt: number | null });
    }
  }

  private scheduleFlush(): void {
    const due = this.grouper.nextDueAt();
    if (due === null) return;
    this.cancelFlush?.();
    this.cancelFlush = this.deps.clock.setTimeout(
      () => {
        this.cancelFlush = null;
        void this.flush(this.deps.clock.now());
      },
      Math.max(0, due - this.deps.clock.now()),
    );
  }

  private deliver(groups: AlertMessage[][]): Promise<void> {
    if (groups.length === 0) return Promise.resolve();
    const deliveries: Promise<void>[] = [];
    for (const messages of groups) {
      const batch = { id: batchId(messages), messages, context: this.deps.context() };
      for (const channel of this.channels) {
        if (!this.deps.enabled(channel.name)) continue;
        deliveries.push(
          channel.deliver(batch).catch((err: unknown) => {
            this.deps.logger.error(`Channel ${channel.name} failed`, errorText(err));
          }),
        );
      }
    }
    // Only once every channel holds the batch (the outbox has it on disk) does the saved state
    // stop listing it as waiting.
    return Promise.all(deliveries).then(() => this.deps.persist());
  }
}
