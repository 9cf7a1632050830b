/**
 * The raw-hour file's layout (`raw-hour.bin` of the history store): `HWR2` with a column per
 * dense series and the points of each sparse one (endpoint check series), and the older
 * all-columns `HWR1`, which is still read.
 */
import { endianness } from 'node:os';
import { z } from 'zod';
import {
  MAX_CHECK_SERIES,
  MAX_KEY_LENGTH,
  MAX_SERIES,
  RAW_CAPACITY,
  type RawExport,
  type RawPoints,
} from '../core/history';

/** Every series the history may hold: the host's and the endpoint checks' pools. */
export const ALL_SERIES = MAX_SERIES + MAX_CHECK_SERIES;
/**
 * Raw file header: magic + header length + JSON header (keys may be JSON-escaped up to 6×, and a
 * sparse series adds its count).
 */
const RAW_HEADER_MAX = 8 + 64 + ALL_SERIES * (MAX_KEY_LENGTH * 6 + 12);
/** Largest raw file: header, Float64 times, Float32 columns (a sparse series is never larger). */
export const RAW_MAX_BYTES = RAW_HEADER_MAX + RAW_CAPACITY * 8 + ALL_SERIES * RAW_CAPACITY * 4;
/** The all-columns layout of older files (still read). */
const MAGIC_COLUMNS = 0x31525748; // "HWR1" little-endian
/** Columns for dense series, points for sparse ones. */
const MAGIC = 0x32525748; // "HWR2" little-endian
/** Bytes of one stored point: a Uint16 sample index and a Float32 value. */
const POINT_BYTES = 6;

const rawHeader = z.object({
  n: z.number().int().min(0).max(RAW_CAPACITY),
  keys: z.array(z.string().min(1).max(MAX_KEY_LENGTH)).max(ALL_SERIES),
  /** HWR2: the sparse series and their point counts, stored after the columns. */
  points: z
    .array(z.tuple([z.string().min(1).max(MAX_KEY_LENGTH), z.number().int().min(0)]))
    .max(ALL_SERIES)
    .optional(),
});

/**
 * `HWR2`, uint32 header length, JSON header {n, keys, points: [key, count][]}, n Float64 times, a
 * Float32 column per key, then per sparse series its Uint16 sample indexes and Float32 values. A
 * sparse series with so many points that a column is smaller is stored as a column.
 */
export function encodeRaw(raw: RawExport): Buffer {
  const n = raw.times.length;
  const keys = [...raw.keys];
  const columns = [...raw.columns];
  const points: RawPoints[] = [];
  for (const p of raw.points ?? []) {
    if (p.at.length * POINT_BYTES < n * 4) {
      points.push(p);
      continue;
    }
    const col = new Float32Array(n).fill(NaN);
    p.at.forEach((i, j) => (col[i] = p.values[j]!));
    keys.push(p.key);
    columns.push(col);
  }
  const header = Buffer.from(
    JSON.stringify({ n, keys, points: points.map((p) => [p.key, p.at.length]) }),
  );
  const pointBytes = points.reduce((sum, p) => sum + p.at.length * POINT_BYTES, 0);
  const buf = Buffer.alloc(8 + header.length + n * 8 + keys.length * n * 4 + pointBytes);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(header.length, 4);
  header.copy(buf, 8);
  let off = 8 + header.length;
  for (let i = 0; i < n; i++, off += 8) buf.writeDoubleLE(raw.times[i] ?? NaN, off);
  for (const col of columns) {
    for (let i = 0; i < n; i++, off += 4) buf.writeFloatLE(col[i] ?? NaN, off);
  }
  for (const p of points) {
    for (const i of p.at) off = buf.writeUInt16LE(i, off);
    for (const v of p.values) off = buf.writeFloatLE(v, off);
  }
  return buf;
}

/** Reads either layout: `HWR2` (columns and points) or the older all-columns `HWR1`. */
export function decodeRaw(buf: Buffer): RawExport | undefined {
  if (buf.length < 8 || buf.length > RAW_MAX_BYTES) return undefined;
  const magic = buf.readUInt32LE(0);
  if (magic !== MAGIC && magic !== MAGIC_COLUMNS) return undefined;
  const h = buf.readUInt32LE(4);
  if (8 + h > buf.length) return undefined;
  let header: z.infer<typeof rawHeader>;
  try {
    const parsed = rawHeader.safeParse(JSON.parse(buf.subarray(8, 8 + h).toString('utf8')));
    if (!parsed.success) return undefined;
    header = parsed.data;
  } catch {
    return undefined;
  }
  const { n, keys } = header;
  const sparse = magic === MAGIC ? (header.points ?? []) : [];
  const pointBytes = sparse.reduce((sum, [, count]) => sum + count * POINT_BYTES, 0);
  if (buf.length !== 8 + h + n * 8 + keys.length * n * 4 + pointBytes) return undefined;
  let off = 8 + h;
  const times = new Float64Array(n);
  off = copyLE(buf, off, times);
  const columns = keys.map(() => {
    const col = new Float32Array(n);
    off = copyLE(buf, off, col);
    return col;
  });
  const points: RawPoints[] = [];
  for (const [key, count] of sparse) {
    const at = new Uint16Array(count);
    off = copyLE(buf, off, at);
    const values = new Float32Array(count);
    off = copyLE(buf, off, values);
    if (at.some((i) => i >= n)) return undefined;
    points.push({ key, at, values });
  }
  return { keys, times, columns, points };
}

const LITTLE_ENDIAN = endianness() === 'LE';

/**
 * Fills `into` with its length of little-endian numbers at `off` of `buf`; the offset after
 * them. On a little-endian machine one byte copy (an hour is ~150,000 numbers, which one
 * readFloatLE call each cost the start-up with a week stored ~10 ms of interpreted code).
 */
function copyLE(buf: Buffer, off: number, into: Float64Array | Float32Array | Uint16Array): number {
  const end = off + into.byteLength;
  if (LITTLE_ENDIAN) {
    new Uint8Array(into.buffer, into.byteOffset, into.byteLength).set(buf.subarray(off, end));
    return end;
  }
  const size = into.BYTES_PER_ELEMENT;
  for (let i = 0, at = off; at < end; i++, at += size) {
    into[i] =
      size === 8 ? buf.readDoubleLE(at) : size === 4 ? buf.readFloatLE(at) : buf.readUInt16LE(at);
  }
  return end;
}
