#!/usr/bin/env node
// Draws the tab bar icons (首页, 办件, 证照, 我的) as small PNGs in src/assets/tabbar/, normal and
// selected, in the tab bar's two colours from src/app.config.ts. Mini-programs need bitmap icons
// (no SVG, ≤ 40 KB, 81×81 px recommended); Taro's H5 tab bar uses the same files. Each shape is
// filled at 4× and averaged, so the edges are smooth; the PNG has one colour and an alpha channel.
// Run `node scripts/tab-icons.mjs` after changing a shape or a colour, and commit the PNGs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'src/assets/tabbar');
const SIZE = 81;
const SS = 4;
const COLOURS = { normal: '#4a4a4a', selected: '#0b57d0' };

// Shapes in a 0..1 square: each is a predicate (x, y) → inside.
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx, cy, r, w) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d <= r && d >= r - w;
};
const frame = (x0, y0, x1, y1, w) => (x, y) =>
  rect(x0, y0, x1, y1)(x, y) && !rect(x0 + w, y0 + w, x1 - w, y1 - w)(x, y);
const triangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const s = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = s(ax, ay, bx, by);
  const d2 = s(bx, by, cx, cy);
  const d3 = s(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};
const union =
  (...fs) =>
  (x, y) =>
    fs.some((f) => f(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);

const ICONS = {
  // a house: roof and walls, with a door
  home: minus(
    union(triangle(0.5, 0.1, 0.06, 0.5, 0.94, 0.5), rect(0.18, 0.46, 0.82, 0.9)),
    rect(0.42, 0.62, 0.58, 0.9),
  ),
  // a form: a sheet with lines
  cases: union(
    frame(0.2, 0.1, 0.8, 0.9, 0.08),
    rect(0.32, 0.3, 0.68, 0.37),
    rect(0.32, 0.47, 0.68, 0.54),
    rect(0.32, 0.64, 0.56, 0.71),
  ),
  // a certificate: a card with a seal and lines
  certificates: union(
    frame(0.08, 0.2, 0.92, 0.8, 0.08),
    ring(0.68, 0.5, 0.14, 0.07),
    rect(0.2, 0.36, 0.46, 0.43),
    rect(0.2, 0.55, 0.46, 0.62),
  ),
  // a person: head and shoulders
  mine: union(circle(0.5, 0.32, 0.18), minus(circle(0.5, 0.98, 0.38), rect(0, 0.9, 1, 1))),
};

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(shape, hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++)
          if (shape((x + (sx + 0.5) / SS) / SIZE, (y + (sy + 0.5) / SS) / SIZE)) hits++;
      row.set([r, g, b, Math.round((255 * hits) / (SS * SS))], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(OUT, { recursive: true });
for (const [name, shape] of Object.entries(ICONS)) {
  for (const [state, colour] of Object.entries(COLOURS)) {
    const file = path.join(OUT, `${name}${state === 'selected' ? '-on' : ''}.png`);
    fs.writeFileSync(file, png(shape, colour));
    console.log(`${path.relative(ROOT, file)} ${fs.statSync(file).size} B`);
  }
}
