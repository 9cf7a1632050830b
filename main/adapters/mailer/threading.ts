/**
 * Mail threading: every email about an episode after its FIRING (reminder, escalation, RESOLVED)
 * carries `In-Reply-To` and `References` naming the FIRING's Message-ID, so mail clients file
 * them in one conversation. The FIRING's id is known without state when it went out alone (its
 * batch id is its message id, from rule, series and episode start); when it went out grouped,
 * the channel remembers which batch carried it.
 */
import type { AlertBatch, AlertMessage } from '../../core/ports';
import { messageId } from '../../core/policy';
import { outboxKey } from './outbox';
import { messageIdHeader } from './transport';

/** Threading headers of one email; both name Message-IDs in angle brackets. */
export interface ThreadHeaders {
  readonly inReplyTo: string;
  readonly references: readonly string[];
}

/** The Message-ID an email with this batch id gets (the outbox key is its local part). */
export function batchMessageId(batchId: string, from: string): string {
  return messageIdHeader(`hw-${outboxKey(batchId)}`, from);
}

/** The message id of the FIRING that opened this message's episode. */
export function firingIdOf(m: AlertMessage): string {
  return messageId(m.ruleId, m.series, m.since, 'firing', 0);
}

/** Which batch carried each FIRING; bounded, so a long-running agent does not grow. */
export class ThreadMemory {
  private readonly batchOf = new Map<string, string>();

  constructor(private readonly max = 2_000) {}

  /** Records the FIRING messages of a batch that is about to be queued. */
  remember(batch: AlertBatch): void {
    for (const m of batch.messages) {
      if (m.kind !== 'firing') continue;
      this.batchOf.delete(m.id);
      this.batchOf.set(m.id, batch.id);
    }
    // Map keeps insertion order: the oldest episodes are forgotten first.
    for (const key of this.batchOf.keys()) {
      if (this.batchOf.size <= this.max) break;
      this.batchOf.delete(key);
    }
  }

  /** The threading headers for a batch, or null when it opens every episode it names. */
  headers(batch: AlertBatch, from: string): ThreadHeaders | null {
    const roots: string[] = [];
    for (const m of batch.messages) {
      if (m.kind === 'firing') continue;
      const firing = firingIdOf(m);
      const root = batchMessageId(this.batchOf.get(firing) ?? firing, from);
      if (!roots.includes(root)) roots.push(root);
    }
    const [first] = roots;
    return first ? { inReplyTo: first, references: roots } : null;
  }
}
