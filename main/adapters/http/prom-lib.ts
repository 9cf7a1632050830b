/**
 * prom-client, loaded on the first `/metrics` scrape rather than at start-up: an agent that is
 * never scraped should not hold the library's code and heap (README "Cost": resident memory).
 * `require` keeps the render functions synchronous; the package is CommonJS.
 */
import { createRequire } from 'node:module';
import type * as PromClient from 'prom-client';

type Collector = (registry: PromClient.Registry) => void;

let lib: typeof PromClient | undefined;

/** The prom-client package, required on first use. */
export function promClient(): typeof PromClient {
  lib ??= createRequire(import.meta.url)('prom-client') as typeof PromClient;
  return lib;
}

/** One of prom-client's default-metric collectors (prom-client/lib/metrics/<name>.js). */
export function promCollector(name: string): Collector {
  return createRequire(import.meta.url)(`prom-client/lib/metrics/${name}.js`) as Collector;
}
