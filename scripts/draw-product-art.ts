// Draws the catalog's product pictures as SVG into public/products (run: npx tsx scripts/draw-product-art.ts).
// Made for this shop, so nothing is downloaded at run time or build time.
import { mkdirSync, writeFileSync } from "node:fs";
import { CATALOG } from "../db/catalog";

const palettes: Array<[string, string, string]> = [
  ["#7c2d12", "#f59e0b", "#fef3c7"],
  ["#14532d", "#84cc16", "#ecfccb"],
  ["#7f1d1d", "#f97316", "#ffedd5"],
  ["#581c87", "#e11d48", "#ffe4e6"],
  ["#065f46", "#34d399", "#d1fae5"],
  ["#713f12", "#eab308", "#fef9c3"],
  ["#78350f", "#d97706", "#fde68a"],
  ["#422006", "#ca8a04", "#fefce8"],
  ["#7c2d12", "#ea580c", "#fed7aa"],
  ["#1e3a8a", "#38bdf8", "#e0f2fe"],
  ["#1e1b4b", "#6366f1", "#e0e7ff"],
  ["#4a044e", "#c026d3", "#fae8ff"],
];

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function draw(index: number, name: string): string {
  const [dark, mid, light] = palettes[index % palettes.length]!;
  const petals = Array.from({ length: 8 }, (_, i) => {
    const angle = (i * 45 * Math.PI) / 180;
    const x = 200 + Math.cos(angle) * 70;
    const y = 170 + Math.sin(angle) * 70;
    return `<ellipse cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" rx="34" ry="16" fill="${mid}" opacity="0.85" transform="rotate(${i * 45} ${x.toFixed(1)} ${y.toFixed(1)})"/>`;
  }).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" role="img" aria-label="${escapeXml(name)}">
<rect width="400" height="400" fill="${light}"/>
<circle cx="200" cy="170" r="120" fill="none" stroke="${mid}" stroke-width="3" stroke-dasharray="6 10"/>
${petals}
<circle cx="200" cy="170" r="40" fill="${dark}"/>
<circle cx="200" cy="170" r="16" fill="${light}"/>
<rect x="40" y="318" width="320" height="46" rx="23" fill="${dark}"/>
<text x="200" y="348" font-family="Georgia, serif" font-size="20" fill="${light}" text-anchor="middle">${escapeXml(name)}</text>
</svg>
`;
}

mkdirSync("public/products", { recursive: true });
CATALOG.forEach((entry, index) => writeFileSync(`public/products/${entry.slug}.svg`, draw(index, entry.name)));
console.log(`Drew ${CATALOG.length} product pictures into public/products.`);
