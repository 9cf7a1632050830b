/** Icons of the health states, shared by the banner, its rule rows and the window title. */
import type { Health } from '../../main/shared/contract';

/** Icon per health; shapes differ so the state never relies on colour alone. */
export const HEALTH_ICON: Readonly<Record<Health, string>> = {
  ok: '✓',
  warning: '▲',
  critical: '●',
  unknown: '?',
};
