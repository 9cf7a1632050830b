/**
 * Status cards say what each part is: a key over the per-core bars with each core's number,
 * each throughput sparkline under the value it draws (read vs write, receive vs transmit), and
 * no label that only repeats the card title (the value keeps it for screen readers).
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatusView } from '../../renderer/components/status-view';
import { createMemoryApi, makeSnapshot, makeStatus } from './memory-api';
import { renderWith } from './render';

const card = (title: string) => screen.getByRole('region', { name: new RegExp(`^${title}`) });
const visibleLabels = (el: HTMLElement) =>
  [...el.querySelectorAll('.stat-label')].map((n) => n.textContent);

function statusWithRates() {
  return makeStatus({
    snapshot: makeSnapshot({
      'cpu.total': 42.5,
      'cpu.core{0}': 40,
      'cpu.core{1}': 45,
      'diskio.read_bps': 1e6,
      'diskio.write_bps': 2e6,
      'net.rx_bps{eth0}': 1500,
      'net.tx_bps{eth0}': 900,
      'uptime.seconds': 3600,
    }),
  });
}

describe('status card keys', () => {
  it('labels the per-core bars and numbers each core', async () => {
    const status = statusWithRates();
    await renderWith(createMemoryApi({ status }), <StatusView status={status} />);
    const cpu = card('CPU');
    const bars = within(cpu).getByRole('group', { name: /Per core/ });
    expect(bars.getAttribute('aria-labelledby')).toBe('cores-caption');
    expect(within(cpu).getByText('Per core (bars 0–1, height = busy %)')).toBeTruthy();
    expect([...cpu.querySelectorAll('.core-nums span')].map((n) => n.textContent)).toEqual([
      '0',
      '1',
    ]);
  });

  it('puts each disk and network sparkline under the value it draws', async () => {
    const status = statusWithRates();
    await renderWith(createMemoryApi({ status }), <StatusView status={status} />);
    for (const [title, names] of [
      ['Disk I/O', ['Disk read', 'Disk write']],
      ['Network', ['Receive eth0', 'Transmit eth0']],
    ] as const) {
      const c = card(title);
      for (const name of names) {
        const line = within(c).getByRole('img', { name });
        const pair = line.closest('.spark-pair') as HTMLElement;
        // The pair's visible label is the sparkline's metric, and only that one.
        expect(visibleLabels(pair), name).toEqual([name.replace(' eth0', '')]);
      }
    }
  });

  it('drops labels that repeat the card title, keeping them for screen readers', async () => {
    const status = statusWithRates();
    await renderWith(createMemoryApi({ status }), <StatusView status={status} />);
    expect(visibleLabels(card('CPU'))).not.toContain('CPU');
    expect(visibleLabels(card('Uptime'))).not.toContain('Uptime');
    const value = screen.getByTestId('value-cpu.total');
    expect(value.previousElementSibling?.textContent).toBe('CPU');
    expect(value.previousElementSibling?.className).toBe('visually-hidden');
  });

  it('has the core key in Korean', async () => {
    const status = statusWithRates();
    await renderWith(createMemoryApi({ status }), <StatusView status={status} />, 'ko');
    expect(screen.getByText('코어별 (0–1번 막대, 높이 = 사용률 %)')).toBeTruthy();
  });
});
