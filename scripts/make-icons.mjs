// Draws Hostwatch's icons into build/icons/ (committed; rerun after changing a colour):
//   tray-<state>.png (16 px) + @2x (32), tray-<state>-32.png (32) + @2x (64), tray-<state>.ico
//   and the same for tray-<state>-ring (acknowledged-only: an outline instead of a filled dot)
//   for ok (green), warning (amber), critical (red), unknown (grey, also "paused");
//   icon.png (512 px) and icon.ico for the app itself.
// Tray icons are coloured on every platform (not macOS template images): the colour is the message.
// A filled circle with a darker rim reads on light trays; the bright fill reads on dark ones.
// Pure Node: PNGs are written with node:zlib, the ICO holds PNG entries (Vista+).
import { crc32, deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'icons');

/** Fill and rim colours of each tray state. */
export const STATES = {
  ok: { fill: [46, 160, 67], rim: [20, 90, 35] },
  warning: { fill: [227, 160, 8], rim: [130, 88, 0] },
  critical: { fill: [218, 54, 51], rim: [120, 20, 20] },
  unknown: { fill: [150, 156, 164], rim: [80, 86, 94] },
};

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes size×size RGBA pixels as a PNG. */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    sig,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Renders with 4×4 supersampling; `shade(x, y)` (0..1 coordinates) returns [r,g,b,a] or null. */
function render(size, shade) {
  const px = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shade((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size);
          if (!c) continue;
          const ca = c[3] / 255;
          r += c[0] * ca;
          g += c[1] * ca;
          b += c[2] * ca;
          a += ca;
        }
      }
      const i = (y * size + x) * 4;
      px[i] = a ? Math.round(r / a) : 0;
      px[i + 1] = a ? Math.round(g / a) : 0;
      px[i + 2] = a ? Math.round(b / a) : 0;
      px[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return px;
}

/** A tray dot: filled circle, darker rim about 1 px at 16 px. */
function trayDot(size, { fill, rim }) {
  const radius = 0.44;
  const rimWidth = Math.max(1.1 / size, 0.07);
  return render(size, (x, y) => {
    const d = Math.hypot(x - 0.5, y - 0.5);
    if (d > radius) return null;
    return d > radius - rimWidth ? [...rim, 255] : [...fill, 255];
  });
}

/**
 * A tray ring: the same circle drawn as a thick outline in the state colour with a transparent
 * middle, for "everything wrong is acknowledged" (nothing new to look at).
 */
export function trayRing(size, { fill, rim }) {
  const radius = 0.44;
  const rimWidth = Math.max(1.1 / size, 0.07);
  // About 3 px of colour at 16 px: thin enough to read as a ring, thick enough to show colour.
  const band = Math.max(3 / size, 0.18);
  return render(size, (x, y) => {
    const d = Math.hypot(x - 0.5, y - 0.5);
    if (d > radius || d < radius - band) return null;
    return d > radius - rimWidth || d < radius - band + rimWidth ? [...rim, 255] : [...fill, 255];
  });
}

function distToSegment(px, py, [ax, ay], [bx, by]) {
  const t = Math.max(
    0,
    Math.min(
      1,
      ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2),
    ),
  );
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

/** The app icon: a dark rounded square, a green status dot and a pulse line. */
function appIcon(size) {
  const pulse = [
    [0.14, 0.62],
    [0.34, 0.62],
    [0.42, 0.42],
    [0.52, 0.8],
    [0.6, 0.55],
    [0.66, 0.62],
    [0.86, 0.62],
  ];
  return render(size, (x, y) => {
    const m = 0.06,
      r = 0.18; // margin, corner radius
    const qx = Math.max(Math.abs(x - 0.5) - (0.5 - m - r), 0);
    const qy = Math.max(Math.abs(y - 0.5) - (0.5 - m - r), 0);
    if (Math.hypot(qx, qy) > r) return null;
    if (Math.hypot(x - 0.72, y - 0.28) < 0.1) return [...STATES.ok.fill, 255];
    for (let i = 1; i < pulse.length; i++) {
      if (distToSegment(x, y, pulse[i - 1], pulse[i]) < 0.035) return [235, 240, 245, 255];
    }
    return [31, 41, 55, 255];
  });
}

/** An ICO container whose entries are PNG images. */
export function encodeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  const entries = [];
  let offset = 6 + 16 * pngs.length;
  for (const { size, png } of pngs) {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size; // 0 means 256
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.png)]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(out, { recursive: true });
  const png = (size, draw) => ({ size, png: encodePng(size, draw(size)) });
  for (const [state, colours] of Object.entries(STATES)) {
    // Every state as a filled dot (`tray-<state>`) and as a ring (`tray-<state>-ring`).
    for (const [name, shape] of [
      [state, trayDot],
      [`${state}-ring`, trayRing],
    ]) {
      const dot = (size) => png(size, (s) => shape(s, colours));
      writeFileSync(join(out, `tray-${name}.png`), dot(16).png);
      writeFileSync(join(out, `tray-${name}@2x.png`), dot(32).png);
      writeFileSync(join(out, `tray-${name}-32.png`), dot(32).png);
      writeFileSync(join(out, `tray-${name}-32@2x.png`), dot(64).png);
      writeFileSync(
        join(out, `tray-${name}.ico`),
        encodeIco([16, 20, 24, 32, 40, 48, 64].map(dot)),
      );
    }
  }
  writeFileSync(join(out, 'icon.png'), png(512, appIcon).png);
  writeFileSync(
    join(out, 'icon.ico'),
    encodeIco([16, 24, 32, 48, 64, 128, 256].map((s) => png(s, appIcon))),
  );
  console.log(`icons written to ${out}`);
}
