// Draws the shop's icons from app/icon.svg (run: npx tsx scripts/draw-favicon.ts): app/favicon.ico
// (16, 32 and 48 px, for browsers and tools that ask for /favicon.ico) and app/apple-icon.png (180 px,
// square, for phones' home screens). Chromium renders the SVG; the .ico holds those PNGs as they are, which
// every browser since 2007 reads. Made for this shop: nothing is downloaded.
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";

const svg = readFileSync("app/icon.svg");
const browser = await chromium.launch({
  executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});

async function render(size: number, image = svg): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}</style><img width="${size}" height="${size}" src="data:image/svg+xml;base64,${image.toString("base64")}">`,
  );
  const png = await page.screenshot({ omitBackground: true });
  await page.close();
  return png;
}

/** An ICO file holding PNG images: a 6-byte header, a 16-byte entry per image, then the images. */
function ico(images: Array<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

try {
  const sizes = [16, 32, 48];
  const images = await Promise.all(sizes.map(async (size) => ({ size, png: await render(size) })));
  writeFileSync("app/favicon.ico", ico(images));
  // Square corners: a phone rounds the icon itself (and fills transparent corners with black).
  writeFileSync("app/apple-icon.png", await render(180, Buffer.from(svg.toString().replace('rx="14"', 'rx="0"'))));
  console.log("Drew app/favicon.ico (16, 32, 48 px) and app/apple-icon.png (180 px) from app/icon.svg.");
} finally {
  await browser.close();
}
