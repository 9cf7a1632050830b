/**
 * The Node shell: the same engine as the tray app, headless, with the dashboard, the JSON + SSE
 * API and a Prometheus endpoint over HTTP, and a one-line status on the terminal.
 *
 *   npm run agent -- [--data-dir DIR] [--port N] [--host ADDR] [--config FILE]
 *                    [--smtp URL] [--alert-to ADDRESS[,ADDRESS]] [--alert-from ADDRESS]
 *                    [--new-token] [--tls] [--tls-cert FILE --tls-key FILE]
 *                    [--no-tls --behind-proxy] [--print-fingerprint] [--check URL ...]
 *                    [--resolve NAME:ADDRESS]...
 *                    [--watch URL]... [--watch-file FILE]
 *                    [--watch-alertmanager URL]... [--alertmanager-every SECONDS]
 *   npm run agent -- export-rules [--config FILE] [--out FILE]   (main/cli/export-rules.ts)
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHttpServer } from './adapters/http/server';
import { createNodeEngine, type NodeEngine } from './adapters/compose';
import { resolveAgentTls } from './adapters/tls/agent-tls';
import { defaultDataDir } from './adapters/paths';
import { isLoopbackHost } from './shared/settings';
import { runExportRules } from './cli/export-rules';
import { parseWatchOptions } from './adapters/fleet/watch-options';
import type { WatchTarget } from './shared/watch-target';
import { createTerminal, statusLine } from './agent-terminal';
import { watchAlertmanagerUrls } from './adapters/fleet/alertmanager-watches';
import { parseCheckUrl, type Check } from './shared/checks';
import { parsePins, pinnedLookup, type PinnedNames } from './adapters/checks/lookup';

const USAGE = `Usage: npm run agent -- [options]
       npm run agent -- export-rules [--config FILE] [--out FILE]   (Prometheus rules; --help)

  --data-dir DIR      where settings, history, outbox and logs live
                      (default: ${defaultDataDir()})
  --config FILE       settings file to use (default: DATA_DIR/settings.json)
  --host ADDR         address to listen on (default: 127.0.0.1; anything else needs a token)
  --port N            port to listen on (default: 9477; 0 picks a free one)
  --smtp URL          SMTP server, e.g. smtps://user:pass@mail.example.com:465
                      (or HOSTWATCH_SMTP_URL)
  --alert-to ADDRS    alert recipients, comma-separated (or HOSTWATCH_ALERT_TO)
  --alert-from ADDR   sender address (or HOSTWATCH_ALERT_FROM; default: the SMTP user)
  --new-token         generate an API token, store it (0600) and print it
  --tls               serve HTTPS on any address (beyond loopback it is always on)
  --tls-cert FILE     certificate (PEM) to serve instead of the generated one
  --tls-key FILE      its private key (PEM)
  --no-tls            plain HTTP beyond loopback; only with --behind-proxy
  --behind-proxy      a reverse proxy in front terminates TLS
  --print-fingerprint print the certificate's SHA-256 fingerprint and exit
  --watch URL         watch another agent, repeatable:
                      'https://:TOKEN@web01.example.com:9477#sha256=AB:CD:…'
  --watch-file FILE   one such URL a line (# comments); added to Settings → Servers
  --watch-alertmanager URL
                      show an Alertmanager's alerts in the fleet (repeatable), e.g.
                      https://am.example.com:9093#sha256=AB:CD:… (pin) or #trust=system-ca;
                      https://user:password@… (basic auth), https://:TOKEN@… (bearer);
                      http:// only on loopback. Alertmanager sends their email, not Hostwatch.
  --alertmanager-every SECONDS
                      seconds between Alertmanager polls (default 10)
  --check URL         add an endpoint check with default rules (repeatable): https://…,
                      http://…, tcp://host:port or tls://host:port
  --resolve NAME:ADDRESS
                      checks reach NAME at ADDRESS instead of asking DNS (repeatable), as
                      curl --resolve: try a site on its new server before DNS moves
  --quiet             no status line on the terminal
  -h, --help          this help

Environment: HOSTWATCH_TOKEN (API token), HOSTWATCH_SMTP_PASSWORD, HOSTWATCH_SMTP_URL,
HOSTWATCH_ALERT_TO, HOSTWATCH_ALERT_FROM.`;

interface AgentArgs {
  dataDir: string;
  config?: string;
  host: string;
  port: number;
  smtp?: string;
  alertTo?: string;
  alertFrom?: string;
  newToken: boolean;
  quiet: boolean;
  tls: boolean;
  noTls: boolean;
  behindProxy: boolean;
  tlsCert?: string;
  tlsKey?: string;
  printFingerprint: boolean;
  watch: WatchTarget[];
  watchAlertmanager: string[];
  alertmanagerEvery: number;
  checks: Check[];
  resolvePins: PinnedNames;
}

function parse(argv: string[]): AgentArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      smtp: { type: 'string' },
      'alert-to': { type: 'string' },
      'alert-from': { type: 'string' },
      'new-token': { type: 'boolean' },
      quiet: { type: 'boolean' },
      tls: { type: 'boolean' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'no-tls': { type: 'boolean' },
      'behind-proxy': { type: 'boolean' },
      'print-fingerprint': { type: 'boolean' },
      watch: { type: 'string', multiple: true },
      'watch-file': { type: 'string', multiple: true },
      'watch-alertmanager': { type: 'string', multiple: true },
      'alertmanager-every': { type: 'string' },
      check: { type: 'string', multiple: true },
      resolve: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port ?? '9477');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  }
  const watch = parseWatchOptions(
    values.watch ?? [],
    (values['watch-file'] ?? []).map((f) => resolve(f)),
  );
  if (!watch.ok) throw new UsageError(watch.error);
  for (const note of watch.notes) console.log(`Note: ${note}`);
  const amEvery = Number(values['alertmanager-every'] ?? '10');
  if (!Number.isInteger(amEvery) || amEvery < 1 || amEvery > 3_600) {
    throw new UsageError(
      `--alertmanager-every must be a whole number of seconds from 1 to 3600, not "${values['alertmanager-every']}"`,
    );
  }
  return {
    watch: watch.targets,
    dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
    config: values.config ? resolve(values.config) : undefined,
    host: values.host ?? '127.0.0.1',
    port,
    smtp: values.smtp ?? process.env.HOSTWATCH_SMTP_URL,
    alertTo: values['alert-to'] ?? process.env.HOSTWATCH_ALERT_TO,
    alertFrom: values['alert-from'] ?? process.env.HOSTWATCH_ALERT_FROM,
    newToken: values['new-token'] ?? false,
    quiet: values.quiet ?? !process.stdout.isTTY,
    tls: values.tls ?? false,
    noTls: values['no-tls'] ?? false,
    behindProxy: values['behind-proxy'] ?? false,
    tlsCert: values['tls-cert'] ? resolve(values['tls-cert']) : undefined,
    tlsKey: values['tls-key'] ? resolve(values['tls-key']) : undefined,
    printFingerprint: values['print-fingerprint'] ?? false,
    watchAlertmanager: values['watch-alertmanager'] ?? [],
    alertmanagerEvery: amEvery,
    checks: (values.check ?? []).map((raw, i) => {
      const parsed = parseCheckUrl(raw);
      // The error never repeats the URL (it may carry a password); the position says which.
      if (!parsed.ok) throw new UsageError(`--check (number ${i + 1}): ${parsed.error}`);
      return parsed.check;
    }),
    resolvePins: usage(() => parsePins(values.resolve ?? [])),
  };
}

class UsageError extends Error {}

/** Runs a parser whose Error is a usage error. */
function usage<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The version in package.json next to dist/, or `unknown` (it is only reported to watchers). */
function agentVersion(here: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The certificate for this start, or null for plain HTTP; flag conflicts are usage errors. */
async function agentTls(args: AgentArgs) {
  const options = {
    host: args.host,
    dataDir: args.dataDir,
    tls: args.tls || args.printFingerprint,
    noTls: args.noTls,
    behindProxy: args.behindProxy,
    certFile: args.tlsCert,
    keyFile: args.tlsKey,
  };
  try {
    return await resolveAgentTls(options);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const here = dirname(fileURLToPath(import.meta.url));
  const staticDir = join(here, 'renderer');
  const tls = await agentTls(args);
  if (args.printFingerprint) {
    console.log(`TLS fingerprint: ${tls!.fingerprint}`);
    process.exit(0);
  }

  const engine: NodeEngine = await createNodeEngine({
    dataDir: args.dataDir,
    settingsPath: args.config,
    smtpUrl: args.smtp,
    alertTo: args.alertTo,
    alertFrom: args.alertFrom,
    workerPath: join(here, 'sampler-worker.js'),
    watch: args.watch,
    checks: args.checks,
    checkLookup: pinnedLookup(args.resolvePins),
  });

  if (args.newToken) {
    const token = randomBytes(24).toString('base64url');
    await engine.secrets.set('agentToken', token);
    console.log(`New API token (stored in ${engine.dataDir}, mode 0600):\n${token}`);
  }
  const token = (await engine.secrets.get('agentToken')) || undefined;
  if (!isLoopbackHost(args.host) && !token) {
    await engine.stop();
    throw new UsageError(
      `Refusing to listen on ${args.host} without a token: anyone who can reach it could read ` +
        'your server status and change settings. Run once with --new-token, or set HOSTWATCH_TOKEN.',
    );
  }

  const server = await createHttpServer({
    api: engine.operations,
    status: () => engine.status(),
    host: args.host,
    port: args.port,
    token,
    staticDir: existsSync(staticDir) ? staticDir : undefined,
    logger: engine.logger('http'),
    extraMetrics: () => ({ outboxPending: engine.outboxPending() }),
    tls: tls ?? undefined,
    agentVersion: agentVersion(here),
    showHost: (host, onStatus) => engine.fleet.show(host, onStatus),
  });
  await engine.start();
  let stopAlertmanagers = (): void => {};
  try {
    stopAlertmanagers = watchAlertmanagerUrls(args.watchAlertmanager, {
      router: engine.hosts,
      pollSeconds: args.alertmanagerEvery,
      logger: engine.logger('alertmanager'),
    });
  } catch (err) {
    await server.close();
    await engine.stop();
    throw new UsageError((err as Error).message);
  }
  console.log(`Hostwatch agent listening on ${server.url}`);
  if (tls) {
    const from = { generated: 'new, self-signed', reused: 'self-signed', files: 'from --tls-cert' };
    console.log(`TLS fingerprint: ${tls.fingerprint} (${from[tls.source]}: ${tls.certPath})`);
  } else if (args.noTls) {
    console.log(
      'Plain HTTP behind a reverse proxy (--no-tls --behind-proxy): the proxy must serve TLS',
    );
  }
  console.log(`Data: ${engine.dataDir}  Logs: ${engine.logDir}`);

  // The status line is rewritten in place only on a TTY; --quiet or a pipe prints health changes.
  const terminal = createTerminal(process.stdout, process.stderr, {
    live: !args.quiet && process.stdout.isTTY === true,
  });
  const unsubscribe = engine.api.on('status', (status) =>
    terminal.status(statusLine(status, server.url)),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    terminal.close();
    console.log(`${signal}: stopping…`);
    // A stuck flush must not hold the process hostage.
    setTimeout(() => {
      console.error('Shutdown took too long; exiting.');
      process.exit(1);
    }, 8_000).unref();
    unsubscribe();
    stopAlertmanagers();
    void server
      .close()
      .then(() => engine.stop())
      .then(() => {
        console.log('Stopped cleanly.');
        process.exit(0);
      })
      .catch((err: unknown) => {
        console.error('Error while stopping:', err);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

// `agent.js export-rules …`: the packaged agent's subcommand; anything else runs the agent.
if (process.argv[2] === 'export-rules') {
  void runExportRules(process.argv.slice(3)).then((code) => process.exit(code));
} else {
  main().catch(failed);
}

function failed(err: unknown): void {
  if (
    err instanceof UsageError ||
    (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
  ) {
    console.error(`hostwatch agent: ${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error('hostwatch agent failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
}
