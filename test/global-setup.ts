import { execFileSync } from 'node:child_process';

/** Builds the bundles once (worker threads and the agent run from dist/). */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
}
