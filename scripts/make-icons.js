/**
 * Draws the add-in's icons (16, 32, 64, 80 px) into assets/ with pngjs: a teal tile with three rising
 * bars and a baseline. Run once (`node scripts/make-icons.js`); the PNGs are committed.
 */

const fs = require("fs");
const path = require("path");
const { PNG } = require("pngjs");

const TEAL = [0x0f, 0x6c, 0xbd];
const WHITE = [0xff, 0xff, 0xff];

function draw(size) {
  const png = new PNG({ width: size, height: size });
  const u = size / 16;
  const r = Math.max(1, Math.round(2 * u));
  const bars = [
    [3, 10],
    [7, 7],
    [11, 4],
  ];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const cx = Math.min(x, size - 1 - x);
      const cy = Math.min(y, size - 1 - y);
      const corner = cx < r && cy < r && (r - cx - 0.5) ** 2 + (r - cy - 0.5) ** 2 > r * r;
      let c = TEAL;
      const gx = x / u;
      const gy = y / u;
      for (const [bx, top] of bars) if (gx >= bx && gx < bx + 2.5 && gy >= top && gy < 13) c = WHITE;
      if (gy >= 13 && gy < 14 && gx >= 2 && gx < 14) c = WHITE;
      png.data[i] = c[0];
      png.data[i + 1] = c[1];
      png.data[i + 2] = c[2];
      png.data[i + 3] = corner ? 0 : 255;
    }
  }
  return PNG.sync.write(png);
}

const dir = path.join(__dirname, "..", "assets");
fs.mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 64, 80]) fs.writeFileSync(path.join(dir, `icon-${size}.png`), draw(size));
console.log("icons written to", dir);
