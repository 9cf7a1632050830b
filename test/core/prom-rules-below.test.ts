/** Prometheus export of a `below` rule (a check's certificate days): `<=`, in seconds. */
import { describe, expect, it } from 'vitest';
import { EXPOSITION } from '../../main/adapters/http/prometheus';
import { promAlertRule, ruleLevels } from '../../main/core/prom-rules';
import { checkRules } from '../../main/shared/check-rules';

const cert = checkRules({ id: 'shop', kind: 'http', url: 'https://shop.example/' }).find(
  (r) => r.id === 'shop.cert',
)!;

describe('below rules in the Prometheus export', () => {
  it('mirror the levels: clear and de-escalation lie above the alert levels', () => {
    expect(ruleLevels(cert)).toEqual({
      warning: 21,
      critical: 7,
      lowest: 21,
      clear: 30,
      deescalation: 16,
    });
  });

  it('fire at or below the level, in seconds, and stay while at or below the clear level', () => {
    const rule = promAlertRule(cert, 'warning', EXPOSITION['check.cert_days'], 'en');
    expect(rule.expr).toBe(
      'hostwatch_probe_ssl_remaining_seconds{check="shop"} <= 1814400 or ' +
        '(hostwatch_probe_ssl_remaining_seconds{check="shop"} <= 2592000 and on(instance, job, check) ' +
        'ALERTS{alertname="HostwatchShopCertWarning", alertstate="firing", rule="shop.cert"})',
    );
  });
});
