/**
 * The Node shell: the same engine as the tray app, headless, with the dashboard, the JSON + SSE
 * API and a Prometheus endpoint over HTTP, and a one-line status on the terminal.
 *
 *   npm run agent -- [--data-dir DIR] [--port N] [--host ADDR] [--config FILE]
 *                    [--smtp URL] [--alert-to ADDRESS[,ADDRESS]] [--alert-from ADDRESS]
 *                    [--new-token]
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHttpServer } from './adapters/http/server';
import { createNodeEngine, type NodeEngine } from './adapters/compose';
import { defaultDataDir } from './adapters/paths';
import type { Status } from './shared/contract';
import { isLoopbackHost } from './shared/settings';
import { trayState } from './core/tray-state';

const USAGE = `Usage: npm run agent -- [options]

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
  return {
    dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
    config: values.config ? resolve(values.config) : undefined,
    host: values.host ?? '127.0.0.1',
    port,
    smtp: values.smtp ?? process.env.HOSTWATCH_SMTP_URL,
    alertTo: values['alert-to'] ?? process.env.HOSTWATCH_ALERT_TO,
    alertFrom: values['alert-from'] ?? process.env.HOSTWATCH_ALERT_FROM,
    newToken: values['new-token'] ?? false,
    quiet: values.quiet ?? !process.stdout.isTTY,
  };
}

class UsageError extends Error {}

function statusLine(status: Status | null, url: string): string {
  if (!status) return `starting… ${url}`;
  const { tooltip } = trayState([status], 'en');
  const snap = status.snapshot;
  const cpu = snap?.values['cpu.total'];
  const mem = snap?.values['mem.used_pct'];
  const bits = [
    tooltip,
    cpu !== undefined ? `cpu ${cpu.toFixed(0)}%` : null,
    mem !== undefined ? `mem ${mem.toFixed(0)}%` : null,
    status.alerts.length ? `${status.alerts.length} alert(s)` : null,
  ].filter(Boolean);
  return bits.join(' · ');
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const here = dirname(fileURLToPath(import.meta.url));
  const staticDir = join(here, 'renderer');

  const engine: NodeEngine = await createNodeEngine({
    dataDir: args.dataDir,
    settingsPath: args.config,
    smtpUrl: args.smtp,
    alertTo: args.alertTo,
    alertFrom: args.alertFrom,
    workerPath: join(here, 'sampler-worker.js'),
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
    api: engine.api,
    status: () => engine.status(),
    host: args.host,
    port: args.port,
    token,
    staticDir: existsSync(staticDir) ? staticDir : undefined,
    logger: engine.logger('http'),
    extraMetrics: () => ({ outboxPending: engine.outboxPending() }),
  });
  await engine.start();
  console.log(`Hostwatch agent listening on ${server.url}`);
  console.log(`Data: ${engine.dataDir}  Logs: ${engine.logDir}`);

  let lastLine = '';
  const unsubscribe = engine.api.on('status', (status) => {
    const line = statusLine(status, server.url);
    if (args.quiet) {
      // Without a terminal, print only when the health line changes.
      if (line.split(' · ')[0] !== lastLine.split(' · ')[0]) console.log(line);
    } else {
      process.stdout.write(`\r\x1b[K${line}`);
    }
    lastLine = line;
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!args.quiet) process.stdout.write('\n');
    console.log(`${signal}: stopping…`);
    // A stuck flush must not hold the process hostage.
    setTimeout(() => {
      console.error('Shutdown took too long; exiting.');
      process.exit(1);
    }, 8_000).unref();
    unsubscribe();
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

main().catch((err: unknown) => {
  if (
    err instanceof UsageError ||
    (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
  ) {
    console.error(`hostwatch agent: ${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error('hostwatch agent failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
