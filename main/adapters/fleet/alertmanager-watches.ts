/**
 * Starts the Alertmanager watches of a shell: the agent's `--watch-alertmanager URL` flags and
 * the `settings.fleet.alertmanagers` entries (their password or token from the secret store).
 * Each joins the host router as one fleet host; Hostwatch never emails their alerts.
 */
import { userInfo } from 'node:os';
import type { HostRouter } from '../../core/host-router';
import type { Logger } from '../../core/ports';
import {
  parseAlertmanagerUrl,
  type AlertmanagerAuth,
  type AlertmanagerSource,
} from '../../shared/alertmanager';
import type { AlertState, FleetHost } from '../../shared/contract';
import { watchAlertmanager, type AlertmanagerWatch } from './alertmanager-source';

/** What every watch shares. */
export interface WatchesOptions {
  readonly router: HostRouter;
  /** Seconds between polls (default 10). */
  readonly pollSeconds?: number;
  readonly logger?: Logger;
  /** New alerts, for a native notification (the tray app); the agent only logs them. */
  readonly onNewAlerts?: (host: FleetHost, alerts: readonly AlertState[]) => void;
}

/** A fleet id for an address given on the command line: `am-<host>-<port>`, lower-case slug. */
export function alertmanagerIdFor(hostPort: string): string {
  const slug = hostPort
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `am-${slug}`.slice(0, 63);
}

/** The OS user, for `createdBy: Hostwatch (<user>)`. */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown user';
  }
}

function start(
  options: WatchesOptions,
  id: string,
  name: string,
  target: Parameters<typeof watchAlertmanager>[1]['target'],
): AlertmanagerWatch {
  const log = options.logger;
  return watchAlertmanager(options.router, {
    id,
    name,
    target,
    pollMs: (options.pollSeconds ?? 10) * 1_000,
    user: osUser(),
    onProblem: (p) =>
      p
        ? log?.warn(`Alertmanager ${name}: ${p.message}`)
        : log?.info(`Alertmanager ${name}: reachable again`),
    onNewAlerts: (host, alerts) => {
      for (const a of alerts) {
        log?.info(
          `Alertmanager ${name}: new ${a.severity} alert ${a.alertmanager?.alertname ?? a.ruleId} on ${a.target ?? '-'}`,
        );
      }
      options.onNewAlerts?.(host, alerts);
    },
  });
}

/**
 * Watches each URL (`--watch-alertmanager`, repeatable); throws an Error in words for a bad one
 * before any watch starts. Answers the function that stops them all.
 */
export function watchAlertmanagerUrls(
  urls: readonly string[],
  options: WatchesOptions,
): () => void {
  const targets = urls.map((u) => {
    const parsed = parseAlertmanagerUrl(u);
    if (!parsed.ok)
      throw new Error(`--watch-alertmanager ${u.replace(/\/\/[^@/]*@/, '//…@')}: ${parsed.error}`);
    return parsed.target;
  });
  const seen = new Set<string>();
  const watches = targets.map((t) => {
    const hostPort = new URL(t.conn.url).host;
    let id = alertmanagerIdFor(hostPort + t.pathPrefix);
    while (seen.has(id)) id = `${id}-2`;
    seen.add(id);
    return start(options, id, `Alertmanager ${hostPort}${t.pathPrefix}`, t);
  });
  return () => watches.forEach((w) => w.stop());
}

/** The target of a settings entry with its password or token, or the address's error. */
function settingsTarget(s: AlertmanagerSource, value: string) {
  const auth: AlertmanagerAuth =
    s.auth === 'basic'
      ? { kind: 'basic', username: s.username ?? '', password: value }
      : s.auth === 'bearer'
        ? { kind: 'bearer', token: value }
        : { kind: 'none' };
  return parseAlertmanagerUrl(s.url, {
    auth,
    fingerprint: s.fingerprint,
    trustSystemCa: s.trustSystemCa,
  });
}

/**
 * Watches the enabled `settings.fleet.alertmanagers` entries; `secret(id)` reads the password
 * (basic) or token (bearer). An entry whose address does not parse is logged and skipped.
 */
export async function watchAlertmanagerSettings(
  sources: readonly AlertmanagerSource[],
  secret: (id: string) => Promise<string | undefined>,
  options: WatchesOptions,
): Promise<() => void> {
  const follow = followAlertmanagerSettings(secret, options);
  await follow.apply(sources);
  return () => follow.stop();
}

/** The Alertmanager watches of the settings, kept in step with every settings change. */
export interface AlertmanagerSettingsWatches {
  /** Starts new and changed entries, stops removed and disabled ones; unchanged ones go on. */
  apply(sources: readonly AlertmanagerSource[]): Promise<void>;
  stop(): void;
}

/**
 * Follows `settings.fleet.alertmanagers` without a restart: call {@link
 * AlertmanagerSettingsWatches.apply} at start and after each save. An entry is restarted when
 * its settings or its secret changed.
 */
export function followAlertmanagerSettings(
  secret: (id: string) => Promise<string | undefined>,
  options: WatchesOptions,
): AlertmanagerSettingsWatches {
  const running = new Map<string, { key: string; watch: AlertmanagerWatch }>();
  let chain: Promise<void> = Promise.resolve();
  const applyNow = async (sources: readonly AlertmanagerSource[]): Promise<void> => {
    const wanted = sources.filter((x) => x.enabled);
    for (const [id, r] of [...running]) {
      if (!wanted.some((s) => s.id === id)) {
        r.watch.stop();
        running.delete(id);
      }
    }
    for (const s of wanted) {
      const value = (await secret(s.id)) ?? '';
      // A changed secret restarts the watch too (the key never leaves this process).
      const key = JSON.stringify([s, value]);
      const now = running.get(s.id);
      if (now?.key === key) continue;
      now?.watch.stop();
      running.delete(s.id);
      const parsed = settingsTarget(s, value);
      if (!parsed.ok) {
        options.logger?.warn(`Alertmanager ${s.name}: not watched: ${parsed.error}`);
        continue;
      }
      running.set(s.id, { key, watch: start(options, s.id, s.name, parsed.target) });
    }
  };
  return {
    apply(sources) {
      chain = chain
        .then(() => applyNow(sources))
        .catch((err: unknown) =>
          options.logger?.error('Alertmanager settings not applied', String(err)),
        );
      return chain;
    },
    stop() {
      for (const r of running.values()) r.watch.stop();
      running.clear();
    },
  };
}
