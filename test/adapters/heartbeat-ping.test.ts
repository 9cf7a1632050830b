/** The heartbeat ping against real local HTTP servers: a GET that answers, and one that never does (timeout). */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { pingUrl } from '../../main/adapters/heartbeat';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const s = createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.6', r));
  return `http://127.0.0.6:${(s.address() as { port: number }).port}/hb`;
}

describe('pingUrl', () => {
  it('sends a GET and resolves with the status', async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(204).end();
    });
    await expect(pingUrl(url)).resolves.toBe(204);
    expect(seen).toEqual(['GET /hb']);
  });

  it('gives up on a server that never answers', async () => {
    const url = await serve(() => undefined);
    await expect(pingUrl(url, 300)).rejects.toThrow(/timeout|aborted/i);
  });
});
