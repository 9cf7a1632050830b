// The yardstick for bench/agent-bench.mjs: the least a Node process can do to read the same
// numbers as the Hostwatch sampler on Linux. Once a second: /proc/stat, /proc/loadavg,
// /proc/meminfo, /proc/diskstats, /proc/net/dev, /proc/uptime (rates computed from the deltas);
// disk usage (/proc/mounts + statfs) every 30 s and a /proc/[pid]/stat scan every 15 s, the
// sampler's default cadences. No workers, no server, no history. Prints "ready" once running.
import { readFileSync, readdirSync, statfsSync } from 'node:fs';

const read = (p) => readFileSync(p, 'latin1');
const SKIP_FS =
  /^(proc|sysfs|tmpfs|devtmpfs|devpts|overlay|squashfs|cgroup2?|nsfs|autofs|mqueue|debugfs|tracefs|securityfs|pstore|bpf|configfs|fusectl|hugetlbfs|binfmt_misc)$/;

let prev;
let tick = 0;
let latest = {};
let procTicks = new Map();

function sample() {
  const now = performance.now();
  const cpu = read('/proc/stat')
    .split('\n')
    .filter((l) => l.startsWith('cpu'))
    .map((l) => {
      const n = l.trim().split(/\s+/).slice(1, 9).map(Number);
      const total = n.reduce((a, b) => a + b, 0);
      return { busy: total - n[3] - n[4], total };
    });
  const [l1, l5, l15] = read('/proc/loadavg').split(' ').map(Number);
  const mem = Object.fromEntries(
    read('/proc/meminfo')
      .split('\n')
      .map((l) => /^(\w+):\s+(\d+)/.exec(l))
      .filter(Boolean)
      .map((m) => [m[1], Number(m[2]) * 1024]),
  );
  let rd = 0;
  let wr = 0;
  for (const l of read('/proc/diskstats').split('\n')) {
    const f = l.trim().split(/\s+/);
    if (
      f.length >= 10 &&
      !/^(loop|ram|zram|dm-|md)/.test(f[2]) &&
      !/\d$/.test(f[2].replace(/^nvme\d+n\d+$/, 'x'))
    ) {
      rd += Number(f[5]) * 512;
      wr += Number(f[9]) * 512;
    }
  }
  const net = {};
  for (const l of read('/proc/net/dev').split('\n').slice(2)) {
    const [name, rest] = l.split(':');
    if (!rest || name.trim() === 'lo') continue;
    const f = rest.trim().split(/\s+/);
    net[name.trim()] = { rx: Number(f[0]), tx: Number(f[8]) };
  }
  const uptime = Number(read('/proc/uptime').split(' ')[0]);
  const cur = { now, cpu, rd, wr, net };
  if (prev) {
    const s = (now - prev.now) / 1000;
    latest = {
      cpu: cpu.map((c, i) => ((c.busy - prev.cpu[i].busy) / (c.total - prev.cpu[i].total)) * 100),
      load: [l1, l5, l15, l1 / (cpu.length - 1)],
      mem: [mem.MemTotal, mem.MemAvailable, mem.SwapTotal, mem.SwapFree],
      diskio: [(rd - prev.rd) / s, (wr - prev.wr) / s],
      net: Object.entries(net).map(([k, v]) => [
        k,
        (v.rx - (prev.net[k]?.rx ?? v.rx)) / s,
        (v.tx - (prev.net[k]?.tx ?? v.tx)) / s,
      ]),
      uptime,
    };
  }
  prev = cur;
  if (tick % 30 === 0) {
    latest.disk = read('/proc/mounts')
      .split('\n')
      .map((l) => l.split(' '))
      .filter((f) => f.length > 2 && !SKIP_FS.test(f[2]))
      .map((f) => {
        const st = statfsSync(f[1]);
        return [f[1], st.blocks * st.bsize, (st.blocks - st.bfree) * st.bsize];
      });
  }
  if (tick % 15 === 0) {
    const next = new Map();
    const rows = [];
    for (const e of readdirSync('/proc')) {
      if (!/^\d+$/.test(e)) continue;
      try {
        const st = read(`/proc/${e}/stat`);
        const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
        const t = Number(f[11]) + Number(f[12]);
        next.set(e, t);
        rows.push([e, t - (procTicks.get(e) ?? t), Number(f[21])]);
      } catch {
        // exited
      }
    }
    procTicks = next;
    latest.topCpu = rows.sort((a, b) => b[1] - a[1]).slice(0, 5);
    latest.topMem = rows.sort((a, b) => b[2] - a[2]).slice(0, 5);
  }
  tick++;
}

// Self-scheduling at 1 Hz, like the agent's loop.
function loop() {
  sample();
  setTimeout(loop, 1000);
}
loop();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  process.stdout.write(`${JSON.stringify(latest).length} bytes of readings\n`);
  process.exit(0);
});
