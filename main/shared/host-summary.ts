/**
 * The summary of one host's status ({@link HostSummary}): built by the agent for its summary
 * stream, and usable by a watcher for its own host, so both sides agree on the headline.
 */
import type { Status } from './contract';
import type { HostSummary } from './protocol';

const DISK_PREFIX = 'disk.used_pct{';

/** Makes the summary of a status: health, active alerts, CPU, memory and the fullest disk. */
export function summarize(status: Status): HostSummary {
  const values = status.snapshot?.values ?? {};
  let disk: { target: string; usedPct: number } | null = null;
  for (const [key, value] of Object.entries(values)) {
    if (!key.startsWith(DISK_PREFIX) || !Number.isFinite(value)) continue;
    if (disk === null || value > disk.usedPct) {
      disk = { target: key.slice(DISK_PREFIX.length, -1), usedPct: value };
    }
  }
  const finite = (v: number | undefined): number | null =>
    v !== undefined && Number.isFinite(v) ? v : null;
  return {
    displayName: status.host.displayName,
    hostname: status.host.hostname,
    health: status.health,
    paused: status.paused,
    stale: status.stale,
    alerts: status.alerts,
    headline: { cpu: finite(values['cpu.total']), mem: finite(values['mem.used_pct']), disk },
    time: status.snapshot?.time ?? status.startedAt,
  };
}

/**
 * What makes a summary worth sending at once rather than at the next interval: health, pause,
 * staleness and the set of alerts with their states and acknowledgements (so a watcher's tray
 * shows "Take back" at once), not the values, which move every second.
 */
export function summaryChangeKey(summary: HostSummary): string {
  const alerts = summary.alerts.map(
    (a) => `${a.ruleId}|${a.series}|${a.state}|${a.severity}|${a.acknowledged?.time ?? ''}`,
  );
  return [summary.health, summary.paused, summary.stale, ...alerts].join(';');
}
