/**
 * Which remote hosts some page shows right now, counted per host: a hub's browser tabs and the
 * tray app's window each hold one reference to the host they show. A host is "shown" while at
 * least one reference is held; the watcher follows exactly the shown hosts with the full
 * stream and every other host with the summary stream (fleet-service.ts).
 *
 * Guarantees: `onChange` is called only when the set of shown hosts changes (a second page on
 * the same host changes nothing); releasing a reference twice has no effect.
 */
import type { HostId } from '../shared/contract';

/** Reference counts of shown hosts. */
export class ShownHosts {
  private readonly counts = new Map<HostId, number>();

  /** @param onChange - called with the new set whenever a host starts or stops being shown */
  constructor(private readonly onChange: (shown: ReadonlySet<HostId>) => void) {}

  /** Takes one reference to `id`; returns its release (idempotent). */
  show(id: HostId): () => void {
    const before = this.counts.get(id) ?? 0;
    this.counts.set(id, before + 1);
    if (before === 0) this.onChange(this.ids());
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.counts.get(id) ?? 1) - 1;
      if (n > 0) {
        this.counts.set(id, n);
        return;
      }
      this.counts.delete(id);
      this.onChange(this.ids());
    };
  }

  /** The hosts shown now. */
  ids(): ReadonlySet<HostId> {
    return new Set(this.counts.keys());
  }

  /** How many references `id` has. */
  count(id: HostId): number {
    return this.counts.get(id) ?? 0;
  }
}
