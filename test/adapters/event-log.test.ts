import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventLog, createEventSink } from '../../main/adapters/event-log';
import type { EventRecord } from '../../main/shared/contract';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostwatch-events-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function event(n: number, extra: Partial<EventRecord> = {}): EventRecord {
  return {
    id: `e${n}`,
    host: 'local',
    time: 1_000 + n,
    kind: 'system',
    severity: 'info',
    message: `event ${n}`,
    ...extra,
  };
}

const fileLines = (path: string): string[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '');

describe('event log', () => {
  it('appends JSON lines and returns the newest first', () => {
    const log = createEventLog({ dir: join(dir, 'data') });
    for (let n = 1; n <= 5; n += 1) log.append(event(n));

    expect(log.recent({ limit: 3 }).map((e) => e.id)).toEqual(['e5', 'e4', 'e3']);
    expect(fileLines(log.path).map((l) => (JSON.parse(l) as EventRecord).id)).toEqual([
      'e1',
      'e2',
      'e3',
      'e4',
      'e5',
    ]);
    expect(log.path).toBe(join(dir, 'data', 'events.jsonl'));
  });

  it('filters by severity and by metric or series prefix', () => {
    const log = createEventLog({ dir });
    log.append(event(1, { severity: 'warning', metric: 'cpu.total', series: 'cpu.total' }));
    log.append(
      event(2, { severity: 'critical', metric: 'disk.used_pct', series: 'disk.used_pct{/}' }),
    );
    log.append(
      event(3, { severity: 'warning', metric: 'disk.used_pct', series: 'disk.used_pct{/var}' }),
    );
    log.append(event(4, { severity: 'error', channel: 'email' }));

    expect(log.recent({ limit: 10, severity: 'warning' }).map((e) => e.id)).toEqual(['e3', 'e1']);
    expect(log.recent({ limit: 10, metric: 'disk.used_pct' }).map((e) => e.id)).toEqual([
      'e3',
      'e2',
    ]);
    expect(log.recent({ limit: 10, metric: 'disk.used_pct{/var}' }).map((e) => e.id)).toEqual([
      'e3',
    ]);
    expect(
      log.recent({ limit: 10, metric: 'disk', severity: 'critical' }).map((e) => e.id),
    ).toEqual(['e2']);
    expect(log.recent({ limit: 10, metric: 'mem' })).toEqual([]);
  });

  it('reloads on start, tolerating a torn last line, and appends cleanly after it', () => {
    const first = createEventLog({ dir });
    for (let n = 1; n <= 3; n += 1) first.append(event(n));
    appendFileSync(first.path, '{"id":"e4","time":10'); // the process died mid-write

    const second = createEventLog({ dir });
    expect(second.recent({ limit: 10 }).map((e) => e.id)).toEqual(['e3', 'e2', 'e1']);
    second.append(event(5));

    const third = createEventLog({ dir });
    expect(third.recent({ limit: 10 }).map((e) => e.id)).toEqual(['e5', 'e3', 'e2', 'e1']);
    expect(fileLines(third.path)).toHaveLength(4);
  });

  it('reads lines written before events had a host as the local host', () => {
    const { host: _host, ...old } = event(1);
    void _host;
    writeFileSync(join(dir, 'events.jsonl'), `${JSON.stringify(old)}\n`);
    const [first] = createEventLog({ dir }).recent({ limit: 5 });
    expect(first).toEqual({ ...old, host: 'local' });
  });

  it('accepts a full path instead of a folder', () => {
    const path = join(dir, 'nested', 'my-events.jsonl');
    const log = createEventLog({ path });
    log.append(event(1));
    expect(log.path).toBe(path);
    expect(fileLines(path)).toHaveLength(1);
  });

  it('skips lines that are not events', () => {
    writeFileSync(
      join(dir, 'events.jsonl'),
      `${JSON.stringify(event(1))}\nnull\n{"id":2}\n${JSON.stringify(event(3))}\n`,
    );
    expect(
      createEventLog({ dir })
        .recent({ limit: 10 })
        .map((e) => e.id),
    ).toEqual(['e3', 'e1']);
  });

  it('keeps the newest N in memory and compacts the file past 2N lines', () => {
    const log = createEventLog({ dir, capacity: 10 });
    for (let n = 1; n <= 20; n += 1) log.append(event(n));
    expect(log.size).toBe(10);
    expect(fileLines(log.path)).toHaveLength(20);

    log.append(event(21)); // line 21 > 2N: rewritten with the newest 10
    const ids = fileLines(log.path).map((l) => (JSON.parse(l) as EventRecord).id);
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `e${i + 12}`));
    expect(log.recent({ limit: 100 })).toHaveLength(10);

    for (let n = 22; n <= 25; n += 1) log.append(event(n));
    expect(fileLines(log.path)).toHaveLength(14);
    expect(
      createEventLog({ dir, capacity: 10 })
        .recent({ limit: 100 })
        .map((e) => e.id)[0],
    ).toBe('e25');
  });

  it('compacts an oversized file on start', () => {
    writeFileSync(
      join(dir, 'events.jsonl'),
      Array.from({ length: 50 }, (_, i) => `${JSON.stringify(event(i))}\n`).join(''),
    );
    const log = createEventLog({ dir, capacity: 5 });
    expect(fileLines(log.path)).toHaveLength(5);
    expect(log.recent({ limit: 1 })[0]!.id).toBe('e49');
  });
});

describe('event sink', () => {
  it('stamps id and time, appends to the log and fans out', () => {
    const log = createEventLog({ dir });
    const seen: EventRecord[] = [];
    let id = 0;
    const sink = createEventSink(
      log,
      (e) => seen.push(e),
      () => `id-${++id}`,
      { now: () => 42_000 },
    );

    const a = sink.emit({
      kind: 'firing',
      severity: 'critical',
      ruleId: 'cpu',
      metric: 'cpu.total',
      message: 'CPU 97%',
    });
    const b = sink.emit({ kind: 'system', severity: 'info', message: 'started', time: 7 });

    expect(a).toEqual({
      id: 'id-1',
      time: 42_000,
      host: 'local',
      kind: 'firing',
      severity: 'critical',
      ruleId: 'cpu',
      metric: 'cpu.total',
      message: 'CPU 97%',
    });
    expect(b).toMatchObject({ id: 'id-2', time: 7 });
    expect(seen).toEqual([a, b]);
    expect(createEventLog({ dir }).recent({ limit: 5 })).toEqual([b, a]);
  });

  it('keeps the host an event names and reads it back', () => {
    const log = createEventLog({ dir });
    const sink = createEventSink(log, () => undefined);
    const e = sink.emit({ kind: 'system', severity: 'info', message: 'x', host: 'web02' });
    expect(e.host).toBe('web02');
    expect(createEventLog({ dir }).recent({ limit: 5 })[0]?.host).toBe('web02');
  });

  it('uses random UUIDs and the wall clock by default', () => {
    const sink = createEventSink(createEventLog({ dir }), () => undefined);
    const before = Date.now();
    const e = sink.emit({ kind: 'system', severity: 'info', message: 'x' });
    expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(e.time).toBeGreaterThanOrEqual(before);
  });
});
