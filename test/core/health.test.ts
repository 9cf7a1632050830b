import { describe, expect, it } from 'vitest';
import {
  describeAlert,
  formatValue,
  metricLabel,
  overallHealth,
  worstAlert,
} from '../../main/core/health';
import type { AlertState } from '../../main/shared/contract';
import { METRIC_NAMES } from '../../main/shared/metrics';

function alert(over: Partial<AlertState> = {}): AlertState {
  return {
    ruleId: 'cpu',
    series: 'cpu.total',
    metric: 'cpu.total',
    state: 'firing',
    severity: 'warning',
    value: 90,
    threshold: 85,
    since: 1_000,
    snoozed: false,
    ...over,
  };
}

const disk = alert({
  ruleId: 'disk',
  series: 'disk.used_pct{/}',
  metric: 'disk.used_pct',
  target: '/',
  severity: 'critical',
  value: 96.4,
  threshold: 95,
});

describe('overallHealth', () => {
  it('is unknown without data or when stale, whatever fires', () => {
    expect(overallHealth({ alerts: [disk], hasData: false, stale: false })).toBe('unknown');
    expect(overallHealth({ alerts: [disk], hasData: true, stale: true })).toBe('unknown');
  });

  it('is the worst firing severity; pending is still ok', () => {
    expect(overallHealth({ alerts: [], hasData: true, stale: false })).toBe('ok');
    const pendingCritical = alert({ state: 'pending', severity: 'critical' });
    expect(overallHealth({ alerts: [pendingCritical], hasData: true, stale: false })).toBe('ok');
    expect(overallHealth({ alerts: [pendingCritical, alert()], hasData: true, stale: false })).toBe(
      'warning',
    );
    expect(overallHealth({ alerts: [alert(), disk], hasData: true, stale: false })).toBe(
      'critical',
    );
  });
});

describe('worstAlert', () => {
  it('picks critical over warning, then the one furthest past its threshold, ignoring pending', () => {
    expect(worstAlert([])).toBeUndefined();
    expect(worstAlert([alert({ state: 'pending', severity: 'critical' })])).toBeUndefined();
    expect(worstAlert([alert(), disk])).toBe(disk);
    const far = alert({ ruleId: 'mem', value: 99, threshold: 80 });
    expect(worstAlert([alert(), far])).toBe(far);
    const nullValue = alert({ ruleId: 'x', value: null });
    expect(worstAlert([nullValue, alert()])?.ruleId).toBe('cpu');
  });
});

describe('describeAlert', () => {
  it('names metric, target and value', () => {
    expect(describeAlert(disk, 'en')).toBe('Disk / 96%');
    expect(describeAlert(disk, 'ko')).toBe('디스크 / 96%');
    expect(describeAlert(alert({ value: 97.2 }), 'en')).toBe('CPU 97%');
    expect(describeAlert(alert({ value: null }), 'ko')).toBe('CPU 데이터 없음');
    const rx = alert({
      series: 'net.rx_bps{eth0}',
      metric: 'net.rx_bps',
      target: 'eth0',
      value: 123_456_789,
    });
    expect(describeAlert(rx, 'en')).toBe('Receive eth0 123 MB/s');
  });
  it("says a watched host's silence as that host being unreachable", () => {
    const silent = alert({
      ruleId: 'host-unreachable',
      series: 'fleet.silence_s{web02}',
      metric: 'fleet.silence_s',
      target: 'web02',
      value: 61,
    });
    expect(describeAlert(silent, 'en')).toBe('web02 unreachable 1 min 1 s');
    expect(describeAlert(silent, 'ko')).toMatch(/^web02 연결 불가 /);
  });
});

describe('formatValue', () => {
  it('formats every unit', () => {
    expect(formatValue('cpu.total', 5.26, 'en')).toBe('5.3%');
    expect(formatValue('cpu.total', 100, 'en')).toBe('100%');
    expect(formatValue('mem.used_bytes', 512, 'en')).toBe('512 B');
    expect(formatValue('mem.used_bytes', 8 * 1024 ** 3 * 0.954, 'en')).toBe('7.63 GiB');
    expect(formatValue('mem.total_bytes', 64 * 1024 ** 3, 'en')).toBe('64 GiB');
    expect(formatValue('diskio.write_bps', 200e6, 'en')).toBe('200 MB/s');
    expect(formatValue('net.tx_bps', 1_500, 'en')).toBe('1.5 kB/s');
    expect(formatValue('net.tx_bps', 0, 'en')).toBe('0 B/s');
    expect(formatValue('temp.cpu', 81.4, 'en')).toBe('81 °C');
    expect(formatValue('load.per_core', 2.345, 'en')).toBe('2.35');
    expect(formatValue('uptime.seconds', 3 * 86_400 + 4 * 3_600 + 59, 'en')).toBe('3 d 4 h');
    expect(formatValue('uptime.seconds', 3 * 86_400 + 4 * 3_600, 'ko')).toBe('3일 4시간');
    expect(formatValue('uptime.seconds', 2 * 3_600 + 5 * 60, 'en')).toBe('2 h 5 min');
    expect(formatValue('uptime.seconds', 42, 'ko')).toBe('42초');
    expect(formatValue('check.response_ms', 12_345, 'en')).toBe('12,345 ms');
    expect(formatValue('mem.used_bytes', 1_000, 'en')).toBe('1,000 B');
    expect(formatValue('check.cert_days', 1_234.56, 'ko')).toBe('1,234.6일');
    expect(formatValue('net.rx_bps', 3.2e6, 'ko')).toBe('3.2 MB/초');
    expect(formatValue('cpu.total', null, 'en')).toBe('no data');
    expect(formatValue('cpu.total', Number.NaN, 'en')).toBe('no data');
  });

  it('has a Korean label for every metric', () => {
    for (const m of METRIC_NAMES) {
      expect(metricLabel(m, 'ko')).toMatch(/\S/);
      expect(metricLabel(m, 'en')).toMatch(/\S/);
    }
  });
});
