// Helper process of bench/checks-cost-bench.mjs: the floor of an HTTPS check in bare Node. It
// does what the agent's checks do at the least JS cost Node's own https allows: for each URL of
// the first IPC message { urls, intervalMs }, one `https.get` per interval (first runs spread
// over the first 10 s, as the agent's scheduler does), each on a fresh connection (`connection: close`, no keep-alive) with the
// TLS session resumed by an https.Agent's session cache, the certificate verified against the
// default store (NODE_EXTRA_CA_CERTS) and the body read to its end. With `idle` instead of urls
// it only stays alive: the bare process's own CPU, subtracted from the floor.
// Replies { runs, failures } to each 'count' message.
import { Agent, get } from 'node:https';

const input = await new Promise((resolve) => process.once('message', resolve));
let runs = 0;
let failures = 0;
const keepAlive = setInterval(() => undefined, 3_600_000);
if (input.urls) {
  const agent = new Agent({ keepAlive: false, maxCachedSessions: 1_000 });
  const once = (url) => {
    const req = get(url, { agent, headers: { connection: 'close' } }, (res) => {
      res.on('end', () => (res.statusCode === 200 ? runs++ : failures++));
      res.resume();
    });
    req.on('error', () => failures++);
    req.setTimeout(10_000, () => req.destroy());
  };
  input.urls.forEach((url) => {
    setTimeout(
      () => {
        once(url);
        setInterval(() => once(url), input.intervalMs);
      },
      Math.random() * Math.min(input.intervalMs, 10_000),
    );
  });
}
process.send({ ready: true });
process.on('message', (m) => {
  if (m === 'count') process.send({ runs, failures });
});
process.on('disconnect', () => {
  clearInterval(keepAlive);
  process.exit(0);
});
