/**
 * prom-client's standard process metrics for `/metrics`: `process_cpu_seconds_total` (and its
 * user / system parts), `process_start_time_seconds`, `process_resident_memory_bytes` (with
 * virtual and heap bytes on Linux), `process_open_fds`, `process_max_fds`,
 * `nodejs_heap_size_{total,used}_bytes`, `nodejs_external_memory_bytes` and
 * `nodejs_version_info`. Each is read when scraped and costs nothing in between.
 *
 * Left out of prom-client's defaults on purpose: the event-loop-lag histogram (its
 * `monitorEventLoopDelay` timer wakes the process 100 times a second for the life of the
 * process), the GC observer (a callback per collection), and the handle / request / resource
 * counts (deprecated Node internals). Hostwatch's own-cost figures for all its processes are
 * `hostwatch_self_*` (prometheus-self.ts); these describe the serving process alone.
 */
import type { Counter, Registry } from 'prom-client';
import { promClient, promCollector } from './prom-lib';

let registry: Registry | null = null;

/**
 * The long-lived registry of the process metrics (the CPU counters keep their last reading
 * between scrapes), created on the first scrape.
 */
export function processRegistry(): Registry {
  if (!registry) {
    registry = new (promClient().Registry)();
    // prom-client counts CPU from the moment it registers; add what was spent before, so the
    // counter is the process's total since start (as /proc/<pid>/stat has it).
    const before = process.cpuUsage();
    for (const name of [
      'processCpuTotal',
      'processStartTime',
      'osMemoryHeap',
      'processOpenFileDescriptors',
      'processMaxFileDescriptors',
      'heapSizeAndUsed',
      'version',
    ]) {
      promCollector(name)(registry);
    }
    for (const [name, micros] of [
      ['process_cpu_user_seconds_total', before.user],
      ['process_cpu_system_seconds_total', before.system],
      ['process_cpu_seconds_total', before.user + before.system],
    ] as const) {
      (registry.getSingleMetric(name) as Counter | undefined)?.inc(micros / 1e6);
    }
  }
  return registry;
}
