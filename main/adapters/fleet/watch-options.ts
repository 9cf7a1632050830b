/**
 * `--watch URL` (repeatable) and `--watch-file FILE` on the agent: parsed here into targets
 * with errors in words, then written into `settings.fleet.servers` (tokens into the secret
 * store, never the settings file), like `--smtp`, so the dashboard shows what the command line
 * configured. The same host given twice is refused; a URL with a path is refused; a URL with no
 * port uses the agent's default and says so (watch-target.ts).
 */
import { readFileSync } from 'node:fs';
import type { LoadedSettings, SecretStore, SettingsStorePort } from '../../core/ports';
import { withFleetRules } from '../../core/fleet-rules';
import { hostTokenSecret, type Server } from '../../shared/settings';
import {
  parseWatchFile,
  parseWatchTarget,
  targetKey,
  type WatchTarget,
} from '../../shared/watch-target';

/** The targets of `--watch` and `--watch-file`, or the first error in words. */
export function parseWatchOptions(
  urls: readonly string[],
  files: readonly string[],
): { ok: true; targets: WatchTarget[]; notes: string[] } | { ok: false; error: string } {
  const targets: WatchTarget[] = [];
  const seen = new Map<string, string>();
  const add = (t: WatchTarget, from: string): string | null => {
    const key = targetKey(t);
    const first = seen.get(key);
    if (first !== undefined) return `${from}: ${t.url} is given twice (also ${first})`;
    seen.set(key, from);
    targets.push(t);
    return null;
  };
  for (const [i, url] of urls.entries()) {
    const parsed = parseWatchTarget(url);
    if (!parsed.ok) return { ok: false, error: `--watch #${i + 1}: ${parsed.error}` };
    const dup = add(parsed.target, `--watch #${i + 1}`);
    if (dup) return { ok: false, error: dup };
  }
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      return {
        ok: false,
        error: `--watch-file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
      };
    }
    const parsed = parseWatchFile(text);
    const first = parsed.errors[0];
    if (first) return { ok: false, error: `${file} line ${first.line}: ${first.error}` };
    for (const t of parsed.targets) {
      const dup = add(t, file);
      if (dup) return { ok: false, error: dup };
    }
  }
  return { ok: true, targets, notes: targets.flatMap((t) => t.notes) };
}

/** A server id for a target: its host and port as a slug (`127-0-0-2-9477`). */
export function serverIdOf(target: Pick<WatchTarget, 'host' | 'port'>): string {
  const slug = `${target.host}-${target.port}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 64) || 'server';
}

/**
 * Writes the targets into the settings (a server already there by address is updated, not
 * added again) and their tokens into the secret store; returns the settings saved, or
 * undefined when there are no targets.
 */
export async function applyCommandLineWatch(
  store: SettingsStorePort,
  secrets: SecretStore,
  targets: readonly WatchTarget[],
  loaded?: LoadedSettings,
): Promise<LoadedSettings | undefined> {
  if (targets.length === 0) return undefined;
  const { settings, ...problem } = loaded ?? (await store.load());
  const servers: Server[] = [...settings.fleet.servers];
  for (const t of targets) {
    const i = servers.findIndex((s) => s.url.toLowerCase() === t.url.toLowerCase());
    const id = i === -1 ? serverIdOf(t) : servers[i]!.id;
    const server: Server = {
      id,
      name: i === -1 ? t.host : servers[i]!.name,
      url: t.url,
      fingerprint: t.fingerprint,
      trustSystemCa: t.trustSystemCa,
      enabled: true,
    };
    if (i === -1) servers.push(server);
    else servers[i] = server;
    await secrets.set(hostTokenSecret(id), t.token === '' ? null : t.token);
  }
  const next = withFleetRules({ ...settings, fleet: { ...settings.fleet, servers } });
  await store.save(next);
  return { settings: next, ...problem };
}
