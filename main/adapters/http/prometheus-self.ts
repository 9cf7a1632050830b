/**
 * `/metrics` for proof of delivery and Hostwatch's own cost, read from the status at scrape
 * time: `hostwatch_email_last_success_timestamp_seconds`, `hostwatch_email_failures_total{kind}`,
 * `hostwatch_self_cpu_ratio`, `hostwatch_self_resident_memory_bytes`. A value not known yet
 * (no email accepted, cost not measured) is absent rather than 0.
 */
import type { Registry } from 'prom-client';
import { promClient } from './prom-lib';
import type { Status } from '../../shared/contract';

/** Registers the delivery and own-cost metrics of `status` in `registry`. */
export function exportDeliveryAndCost(registry: Registry, status: Status): void {
  const { Counter, Gauge } = promClient();
  const delivery = status.delivery;
  if (delivery) {
    if (delivery.lastAccepted) {
      new Gauge({
        name: 'hostwatch_email_last_success_timestamp_seconds',
        help: 'When the SMTP server last accepted an email, in seconds since the epoch.',
        registers: [registry],
      }).set(delivery.lastAccepted.time / 1000);
    }
    const failures = new Counter({
      name: 'hostwatch_email_failures_total',
      help: 'Failed email sending attempts since start, by kind (auth, timeout, rejected, ...).',
      labelNames: ['kind'],
      registers: [registry],
    });
    for (const [kind, n] of Object.entries(delivery.failures)) failures.inc({ kind }, n);
  }
  const cost = status.selfCost;
  if (cost?.cpuRatio !== null && cost?.cpuRatio !== undefined) {
    new Gauge({
      name: 'hostwatch_self_cpu_ratio',
      help: "Hostwatch's own CPU use (all its processes) as a ratio of one core.",
      registers: [registry],
    }).set(cost.cpuRatio);
  }
  if (cost?.rssBytes !== null && cost?.rssBytes !== undefined) {
    new Gauge({
      name: 'hostwatch_self_resident_memory_bytes',
      help: "Hostwatch's own resident memory (all its processes) in bytes.",
      registers: [registry],
    }).set(cost.rssBytes);
  }
}
