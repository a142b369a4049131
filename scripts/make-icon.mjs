// Draws the extension icon (images/icon.png, 128 x 128) in plain JavaScript: a claim form on a
// blue tile, its lines of text, one of them underlined with a red squiggle. Shapes are signed
// distance functions sampled 4 x 4 per pixel, composited front to back, and written as an RGBA
// PNG through zlib. Nothing is downloaded; the same input gives the same bytes.
//
//   node scripts/make-icon.mjs            writes images/icon.png
//   node scripts/make-icon.mjs --out F    writes F
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;

// ---- shapes: signed distance (negative inside), in pixels ----

function roundedRect(x, y, cx, cy, halfW, halfH, radius) {
  const qx = Math.abs(x - cx) - halfW + radius;
  const qy = Math.abs(y - cy) - halfH + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function segment(x, y, ax, ay, bx, by, halfWidth) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - halfWidth;
}

/** The red squiggle: a sine wave from x0 to x1 around baseline y0, as a thick line. */
function squiggle(x, y, x0, x1, y0) {
  const amplitude = 3.2;
  const period = 10;
  if (x < x0 - 3 || x > x1 + 3) return Infinity;
  let best = Infinity;
  // Distance to the curve, by sampling it finely near x.
  for (let sx = Math.max(x0, x - 6); sx <= Math.min(x1, x + 6); sx += 0.25) {
    const sy = y0 + amplitude * Math.sin(((sx - x0) / period) * 2 * Math.PI);
    best = Math.min(best, Math.hypot(x - sx, y - sy));
  }
  return best - 2.1;
}

// ---- the picture, front to back: [distance(x, y), [r, g, b]] or a colour function ----

const tileTop = [0x2b, 0x6c, 0xb0];
const tileBottom = [0x1a, 0x36, 0x5d];
const white = [0xff, 0xff, 0xff];
const ink = [0x9a, 0xa9, 0xbb];
const codeInk = [0x2d, 0x3e, 0x50];
const red = [0xe0, 0x31, 0x31];
const fold = [0xd4, 0xdd, 0xe8];

const page = { cx: 64, cy: 66, halfW: 33, halfH: 42 };
const foldSize = 16;
const pageRight = page.cx + page.halfW;
const pageTop = page.cy - page.halfH;

/** The page with its top-right corner cut off along the fold. */
function pageShape(x, y) {
  const body = roundedRect(x, y, page.cx, page.cy, page.halfW, page.halfH, 5);
  // Half-plane beyond the fold's diagonal: x - pageRight + foldSize > y - pageTop.
  const cut = (x - (pageRight - foldSize) - (y - pageTop)) / Math.SQRT2;
  return Math.max(body, cut);
}

function foldShape(x, y) {
  // The folded-over triangle: below the diagonal, left of the page's right edge, under its top.
  const diagonal = -(x - (pageRight - foldSize) - (y - pageTop)) / Math.SQRT2;
  return Math.max(diagonal, x - pageRight, pageTop - y, (pageRight - foldSize) - x, y - (pageTop + foldSize));
}

const textLines = [
  [41, 44, 72],
  [41, 56, 82],
  [41, 92, 76],
  [41, 104, 66],
];

const layers = [
  // A rough code "43200" as three dark bars on the underlined line.
  [(x, y) => segment(x, y, 41, 74, 80, 74, 3.2), codeInk],
  [(x, y) => squiggle(x, y, 40, 86, 83), red],
  ...textLines.map(([x0, y0, x1]) => [(x, y) => segment(x, y, x0, y0, x1, y0, 2.2), ink]),
  [foldShape, fold],
  [pageShape, white],
  [(x, y) => roundedRect(x, y, 64, 64, 64, 64, 22), (x, y) => mix(tileTop, tileBottom, y / SIZE)],
];

function mix(a, b, t) {
  return a.map((v, i) => v + (b[i] - v) * t);
}

/** Colour and coverage of one sample: the front-most layer that covers it. */
function sample(x, y) {
  for (const [distance, colour] of layers) {
    if (distance(x, y) <= 0) return [...(typeof colour === 'function' ? colour(x, y) : colour), 255];
  }
  return [0, 0, 0, 0];
}

export function drawIcon() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      // Premultiplied sums, so transparent samples do not darken the edge.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [cr, cg, cb, ca] = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const at = (py * SIZE + px) * 4;
      if (a > 0) {
        rgba[at] = Math.round(r / a);
        rgba[at + 1] = Math.round(g / a);
        rgba[at + 2] = Math.round(b / a);
      }
      rgba[at + 3] = Math.round(a / (SAMPLES * SAMPLES));
    }
  }
  return encodePng(SIZE, SIZE, rgba);
}

// ---- PNG ----

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA, non-interlaced PNG; each row with filter type 0 (none). */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const outIndex = process.argv.indexOf('--out');
  const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : resolve(root, 'images/icon.png'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, drawIcon());
  process.stderr.write(`wrote ${out}\n`);
}
