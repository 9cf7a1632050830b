// Helper process of bench/checks-cost-bench.mjs: real HTTPS servers on 127.0.0.2 … 127.0.0.N+1,
// each with the leaf certificate (signed by the bench's test CA) handed in as the first IPC
// message { key, cert, hosts }. Answers every GET with a small page, counts the requests it answered,
// and reports { ports } once listening and { requests } on each 'count' message.
import { createServer } from 'node:https';

const input = await new Promise((resolve) => process.once('message', resolve));
let requests = 0;
const servers = input.hosts.map((host) => {
  const server = createServer({ key: input.key, cert: input.cert }, (req, res) => {
    requests++;
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>ok</title><p>ok</p>');
  });
  return new Promise((resolve) => server.listen(0, host, () => resolve(server.address().port)));
});
const ports = await Promise.all(servers);
process.send({ ports });
process.on('message', (m) => {
  if (m === 'count') process.send({ requests });
});
process.on('disconnect', () => process.exit(0));
