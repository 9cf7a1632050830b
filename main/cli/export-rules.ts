/**
 * `hostwatch-agent export-rules [--config FILE] [--out FILE]` (also `npm run export-rules -- …`):
 * writes the Prometheus rules file for the current settings and its `promtool test rules` file
 * beside it.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../adapters/paths';
import {
  ExportSettingsError,
  readSettingsForExport,
  writePromRules,
} from '../adapters/prom-rules-file';
import { errorText } from '../shared/errors';

/** Default name of the rules file, in the current folder. */
export const DEFAULT_RULES_FILE = 'hostwatch.rules.yml';

function usage(): string {
  return `Usage: hostwatch-agent export-rules [--config FILE] [--out FILE]
       npm run export-rules -- [--config FILE] [--out FILE]

Writes a Prometheus rules file for the alert rules of a Hostwatch settings file, and a
\`promtool test rules\` file beside it (FILE without .yml, plus .test.yml).

  --config FILE   settings file (default: ${join(defaultDataDir(), 'settings.json')};
                  a missing file means the default settings)
  --out FILE      rules file to write (default: ./${DEFAULT_RULES_FILE})
  -h, --help      this help

Check them with:  promtool check rules FILE && promtool test rules TESTFILE`;
}

/** Runs the command with its arguments (after `export-rules`); resolves with the exit code. */
export async function runExportRules(
  argv: readonly string[],
  out: Pick<Console, 'log' | 'error'> = console,
): Promise<number> {
  let values: { config?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    out.error(`export-rules: ${errorText(e)}\n\n${usage()}`);
    return 2;
  }
  if (values.help) {
    out.log(usage());
    return 0;
  }
  const config = resolve(values.config ?? join(defaultDataDir(), 'settings.json'));
  const target = resolve(values.out ?? DEFAULT_RULES_FILE);
  try {
    const settings = await readSettingsForExport(config);
    const written = await writePromRules(settings, target);
    const count = settings.rules.filter((r) => r.enabled).length;
    out.log(`Wrote ${count} rule(s) to ${written.rules}`);
    out.log(`Wrote promtool tests to ${written.tests}`);
    return 0;
  } catch (e) {
    if (e instanceof ExportSettingsError) {
      out.error(`export-rules: ${e.message}`);
      return 2;
    }
    out.error(`export-rules failed: ${errorText(e)}`);
    return 1;
  }
}
