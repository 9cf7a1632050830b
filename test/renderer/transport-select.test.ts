import { describe, expect, it } from 'vitest';
import { selectTransport } from '../../renderer/api';
import { createMemoryApi } from './memory-api';

describe('transport selection', () => {
  it('uses the preload bridge when the Electron window exposes one', async () => {
    const mem = createMemoryApi();
    const win = Object.assign(Object.create(window) as Window, { hostwatch: mem.api });
    const t = selectTransport(win);
    expect(t.kind).toBe('ipc');
    expect(t.connection()).toBe('open');
    const status = await t.api.getStatus(undefined);
    expect(status.ok && status.value.host.hostname).toBe('web01');
    expect(mem.api.getStatus).toHaveBeenCalledTimes(1);
  });

  it('falls back to HTTP + SSE in a browser', () => {
    const t = selectTransport(window);
    expect(t.kind).toBe('http');
    expect(t.connection()).toBe('connecting');
  });
});
