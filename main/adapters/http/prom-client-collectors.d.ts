/**
 * Types of prom-client's individual default-metric collectors (prom-client/lib/metrics/*.js),
 * which it ships without declarations: each registers its metrics in `registry`.
 */
declare module 'prom-client/lib/metrics/*.js' {
  import type { Registry } from 'prom-client';
  const register: (registry: Registry, config?: { prefix?: string }) => void;
  export default register;
}
