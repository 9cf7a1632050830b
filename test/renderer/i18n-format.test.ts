/**
 * The renderer's value formatting is the shared formatter (main/shared/format.ts), so the
 * dashboard reads as the tray and emails do; only "no value" is the renderer's own dash.
 */
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../main/core/email-text';
import { alertLabel } from '../../main/core/health';
import { createI18n } from '../../renderer/i18n';

describe('renderer formatDuration', () => {
  it('words every duration as uptime, emails and the tray do, in both languages', () => {
    const en = createI18n('en');
    const ko = createI18n('ko');
    const cases: [number, string, string][] = [
      [0, '0 s', '0초'],
      [45.9, '45 s', '45초'],
      [60, '1 min', '1분'],
      [95, '1 min 35 s', '1분 35초'],
      [2 * 3_600, '2 h', '2시간'],
      [3_600 + 5 * 60 + 59, '1 h 5 min', '1시간 5분'],
      [86_400, '1 d', '1일'],
      [3 * 86_400 + 4 * 3_600 + 59, '3 d 4 h', '3일 4시간'],
      [-5, '0 s', '0초'],
    ];
    for (const [seconds, enText, koText] of cases) {
      expect(en.formatDuration(seconds)).toBe(enText);
      expect(ko.formatDuration(seconds)).toBe(koText);
      // The uptime card and emails use the same words.
      expect(en.formatValue('seconds', seconds)).toBe(enText);
      expect(formatDuration(Math.floor(seconds) * 1000, 'ko')).toBe(koText);
    }
  });
});

describe('renderer formatValue', () => {
  it('writes values as the tray and emails do, in both languages', () => {
    const en = createI18n('en');
    const ko = createI18n('ko');
    expect(en.formatValue('percent', 96.4)).toBe('96%');
    expect(en.formatValue('percent', 5.26)).toBe('5.3%');
    expect(en.formatValue('bytes', 2 * 1024 ** 3)).toBe('2 GiB');
    expect(en.formatValue('bytes_per_second', 3.2e6)).toBe('3.2 MB/s');
    expect(ko.formatValue('bytes_per_second', 3.2e6)).toBe('3.2 MB/초');
    expect(en.formatValue('milliseconds', 12_345)).toBe('12,345 ms');
    expect(ko.formatValue('seconds', 3 * 86_400 + 4 * 3_600)).toBe('3일 4시간');
    expect(ko.formatValue('boolean', 0)).toBe('중단');
    expect(en.formatSeries('net.rx_bps{eth0}', 1_500)).toBe('1.5 kB/s');
  });

  it('shows a dash, not words, where there is no value', () => {
    const en = createI18n('en');
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(en.formatValue('percent', v)).toBe('—');
    }
    expect(en.formatSeries('cpu.total', null)).toBe('—');
  });

  it('names metrics from the one shared table, as the tray and emails do', () => {
    const ko = createI18n('ko');
    expect(ko.metricLabel('load.1')).toBe('1분 부하');
    expect(alertLabel({ metric: 'load.1' }, 'ko')).toBe('1분 부하');
    expect(ko.seriesLabel('disk.used_bytes{/}')).toBe('디스크 사용량 /');
    expect(alertLabel({ metric: 'disk.used_bytes', target: '/' }, 'ko')).toBe('디스크 사용량 /');
    expect(createI18n('en').metricLabel('forecast.seconds_to_full')).toBe('Disk full in');
  });
});
