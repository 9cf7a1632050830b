import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatusView } from '../../renderer/components/status-view';
import { createMemoryApi, makeSnapshot, makeStatus } from './memory-api';
import { renderWith } from './render';

const card = (title: string) => screen.getByRole('region', { name: new RegExp(`^${title}`) });

describe('status cards', () => {
  it('shows current values in their units', async () => {
    const mem = createMemoryApi();
    await renderWith(mem, <StatusView status={mem.status} />);
    expect(screen.getByTestId('value-cpu.total').textContent).toBe('43%');
    expect(screen.getByTestId('value-mem.used_pct').textContent).toBe('63%');
    expect(screen.getByTestId('value-uptime.seconds').textContent).toBe('3 d 4 h');
    const procs = card('Top processes');
    expect(within(procs).getByText('nginx')).toBeTruthy();
    expect(within(procs).getByText('2 GiB')).toBeTruthy();
  });

  it('dims a stale family and labels it with the reason', async () => {
    const status = makeStatus({
      snapshot: makeSnapshot(
        { 'cpu.total': 10 },
        { memory: { status: 'stale', updatedAt: 1, reason: 'missed its 5 s deadline' } },
      ),
    });
    const mem = createMemoryApi({ status });
    await renderWith(mem, <StatusView status={status} />);
    const memory = card('Memory and swap');
    expect(memory.getAttribute('data-family-status')).toBe('stale');
    expect(memory.className).toContain('card-stale');
    const badge = within(memory).getByText(/stale/);
    expect(badge.getAttribute('title')).toBe('missed its 5 s deadline');
    expect(card('CPU').getAttribute('data-family-status')).toBe('ok');
  });

  it('says temperature is not available instead of showing a value', async () => {
    const status = makeStatus({
      snapshot: makeSnapshot(
        { 'cpu.total': 10 },
        { temperature: { status: 'unavailable', updatedAt: null, reason: 'no sensor' } },
      ),
    });
    const mem = createMemoryApi({ status });
    await renderWith(mem, <StatusView status={status} />);
    const temp = card('Temperature');
    expect(within(temp).getByText('not available on this system')).toBeTruthy();
    expect(within(temp).queryByTestId('value-temp.cpu')).toBeNull();
  });

  it('draws disk bars with the warning and critical thresholds marked', async () => {
    const mem = createMemoryApi();
    await renderWith(mem, <StatusView status={mem.status} />);
    const disk = card('Disk use');
    const meter = within(disk).getByRole('meter', { name: '/' });
    expect(meter.getAttribute('aria-valuenow')).toBe('96.4');
    expect(screen.getByTestId('disk-value-/').textContent).toContain('96%');
    expect(screen.getByTestId('disk-value-/').textContent).toContain('96 GiB of 100 GiB');
    expect(screen.getByTestId('disk-warning-/').style.left).toBe('85%');
    expect(screen.getByTestId('disk-critical-/').style.left).toBe('95%');
    // Above critical: the bar says so without relying on colour (legend text) and with its class.
    expect(meter.closest('li')!.className).toContain('disk-critical');
    expect(within(disk).getByText(/critical at 95%/)).toBeTruthy();
  });

  it('waits visibly for the first sample', async () => {
    const mem = createMemoryApi({ status: makeStatus({ snapshot: null, health: 'unknown' }) });
    await renderWith(mem, <StatusView status={mem.status} />);
    expect(screen.getByText('Waiting for the first sample…')).toBeTruthy();
  });
});
