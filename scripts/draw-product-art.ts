// Draws the catalog's product pictures as SVG into public/products (run: npx tsx scripts/draw-product-art.ts).
// Each product has its own drawing below, made for this shop: nothing is downloaded at run time or
// build time, and no picture carries text. The helpers only place repeated small things (tea
// granules, pods, threads, hammer marks) with a fixed seed, so every run writes the same files.
import { writeFileSync } from "node:fs";
import { CATALOG } from "../db/catalog";

type Drawing = () => string;

const BACKGROUNDS = {
  tea: "#e4eddc",
  spices: "#f8ead3",
  "kitchen-serveware": "#f2e2d6",
  "home-living": "#e2e6f0",
} as const;

/** A number as short as SVG allows (one decimal). */
const n = (value: number) => String(Math.round(value * 10) / 10);

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

function picture(background: string, defs: string, content: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400"><defs><radialGradient id="glow" cx=".5" cy=".42" r=".62"><stop offset="0" stop-color="#fff" stop-opacity=".6"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient>${defs}</defs><rect width="400" height="400" fill="${background}"/><rect width="400" height="400" fill="url(#glow)"/>${content}</svg>\n`;
}

function linear(id: string, stops: Array<[number, string]>, direction: "x" | "y" = "x"): string {
  const end = direction === "x" ? 'x2="1" y2="0"' : 'x2="0" y2="1"';
  return `<linearGradient id="${id}" x1="0" y1="0" ${end}>${stops.map(([offset, color]) => `<stop offset="${offset}" stop-color="${color}"/>`).join("")}</linearGradient>`;
}

function radial(id: string, stops: Array<[number, string]>, cx = 0.4, cy = 0.35, r = 0.7): string {
  return `<radialGradient id="${id}" cx="${cx}" cy="${cy}" r="${r}">${stops.map(([offset, color]) => `<stop offset="${offset}" stop-color="${color}"/>`).join("")}</radialGradient>`;
}

/** Many small shapes, one group per colour, so each shape needs no fill of its own. */
function byFill(items: Array<{ fill: string; shape: string }>, attributes = ""): string {
  const groups = new Map<string, string[]>();
  for (const { fill, shape } of items) groups.set(fill, [...(groups.get(fill) ?? []), shape]);
  return [...groups].map(([fill, shapes]) => `<g fill="${fill}"${attributes}>${shapes.join("")}</g>`).join("");
}

const shadow = (cx: number, cy: number, rx: number, ry = 12) =>
  `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="#3b2a1a" opacity=".13"/>`;

/** A pointed leaf growing from (x, y) towards `angle` degrees (0 is up). */
function leaf(x: number, y: number, length: number, width: number, angle: number, fill: string, vein: string): string {
  const l = length;
  const w = width / 2;
  return `<g transform="translate(${n(x)} ${n(y)}) rotate(${n(angle)})"><path d="M0 0C${n(w * 1.3)} ${n(-l * 0.25)} ${n(w)} ${n(-l * 0.8)} 0 ${n(-l)}C${n(-w)} ${n(-l * 0.8)} ${n(-w * 1.3)} ${n(-l * 0.25)} 0 0Z" fill="${fill}"/><path d="M0 0L0 ${n(-l * 0.9)}" stroke="${vein}" stroke-width="1.5" fill="none"/></g>`;
}

/** Points spread over the upper half of an ellipse (a heap), back to front. */
function heapPoints(rng: () => number, cx: number, cy: number, rx: number, ry: number, count: number) {
  const points: Array<{ x: number; y: number }> = [];
  while (points.length < count) {
    const x = cx + (rng() * 2 - 1) * rx;
    const y = cy - rng() * ry;
    if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) points.push({ x, y });
  }
  return points.sort((a, b) => a.y - b.y);
}

// ---- Tea ----

const assamBreakfastTea: Drawing = () => {
  const rng = random(11);
  const granules = byFill(
    heapPoints(rng, 285, 334, 62, 60, 130).map(({ x, y }) => ({
      fill: pick(rng, ["#2a160b", "#4b2b17", "#5f3a1f", "#6e4526"]),
      shape: `<circle cx="${n(x)}" cy="${n(y)}" r="${n(2.6 + rng() * 1.6)}"/>`,
    })),
  );
  const band = (y: number) =>
    `<path d="M105 ${y}A62 12 0 0 0 229 ${y}L229 ${y + 9}A62 12 0 0 1 105 ${y + 9}Z" fill="url(#gold)"/>`;
  return picture(
    BACKGROUNDS.tea,
    linear("tin", [
      [0, "#4e0f1a"],
      [0.3, "#8c2434"],
      [0.45, "#a8384a"],
      [1, "#4e0f1a"],
    ]) +
      linear("gold", [
        [0, "#9a6b1c"],
        [0.35, "#f1cf73"],
        [1, "#9a6b1c"],
      ]),
    [
      shadow(215, 336, 150),
      `<path d="M105 140L105 322A62 12 0 0 0 229 322L229 140Z" fill="url(#tin)"/>`,
      band(160),
      band(296),
      `<path d="M103 116L103 140A64 13 0 0 0 231 140L231 116Z" fill="url(#gold)"/>`,
      `<ellipse cx="167" cy="116" rx="64" ry="13" fill="#efcd72"/>`,
      `<ellipse cx="167" cy="116" rx="54" ry="9" fill="#dcb257"/>`,
      `<circle cx="167" cy="230" r="36" fill="#f1cf73"/><circle cx="167" cy="230" r="30" fill="#7c1d2c"/>`,
      leaf(167, 252, 40, 20, -28, "#f1cf73", "#7c1d2c"),
      leaf(167, 252, 40, 20, 28, "#e3b95a", "#7c1d2c"),
      `<rect x="122" y="180" width="9" height="110" rx="4" fill="#fff" opacity=".12"/>`,
      `<path d="M223 334A62 60 0 0 1 347 334Z" fill="#3a2011"/>`,
      granules,
      `<path d="M40 352C60 340 78 318 92 292" stroke="#4d6b2c" stroke-width="4" fill="none" stroke-linecap="round"/>`,
      leaf(62, 338, 46, 24, -70, "#4f8a35", "#2f5a1f"),
      leaf(78, 318, 42, 22, 40, "#5f9c3f", "#2f5a1f"),
      leaf(92, 292, 34, 16, -8, "#79b152", "#3f6e28"),
    ].join(""),
  );
};

const darjeelingFirstFlush: Drawing = () => {
  const rng = random(22);
  const wholeLeaf = (x: number, y: number, angle: number, length: number) => {
    const green = pick(rng, ["#6f7f3c", "#5d6b31", "#8a9653", "#748544"]);
    return `<g transform="translate(${n(x)} ${n(y)}) rotate(${n(angle)})"><path d="M0 0C4 ${n(-length * 0.3)} 4 ${n(-length * 0.7)} 1 ${n(-length)}C-3 ${n(-length * 0.7)} -4 ${n(-length * 0.3)} 0 0Z" fill="${green}"/><path d="M1 ${n(-length)}C-1 ${n(-length * 0.9)} 0 ${n(-length * 0.8)} 2 ${n(-length * 0.78)}" stroke="#e6e9d6" stroke-width="2.5" fill="none"/></g>`;
  };
  const windowLeaves = Array.from({ length: 26 }, () =>
    wholeLeaf(130 + rng() * 74, 200 + rng() * 100, rng() * 360, 20 + rng() * 12),
  ).join("");
  const looseLeaves = Array.from({ length: 9 }, (_, i) =>
    wholeLeaf(70 + i * 28 + rng() * 10, 350 + rng() * 14, 60 + rng() * 60, 22 + rng() * 8),
  ).join("");
  const zigzag = Array.from({ length: 14 }, (_, i) => `L${n(100 + i * 10 + 5)} 101L${n(100 + (i + 1) * 10)} 105`).join(
    "",
  );
  return picture(
    BACKGROUNDS.tea,
    linear("kraft", [
      [0, "#a87a45"],
      [0.25, "#caa06b"],
      [0.7, "#c39762"],
      [1, "#9c6f3d"],
    ]) +
      linear("liquor", [
        [0, "#f3c76a"],
        [1, "#d99a34"],
      ]) +
      `<clipPath id="window"><rect x="128" y="196" width="78" height="96" rx="12"/></clipPath>`,
    [
      shadow(210, 334, 150),
      `<path d="M100 105${zigzag}L236 105L244 322Q172 338 92 322Z" fill="url(#kraft)"/>`,
      `<rect x="100" y="105" width="140" height="18" fill="#8f6334" opacity=".35"/>`,
      `<rect x="128" y="196" width="78" height="96" rx="12" fill="#f1f3e2"/>`,
      `<g clip-path="url(#window)">${windowLeaves}</g>`,
      `<rect x="128" y="196" width="78" height="96" rx="12" fill="none" stroke="#8f6334" stroke-width="3"/>`,
      `<circle cx="167" cy="156" r="22" fill="#2d5a3d"/>`,
      `<path d="M148 166L159 150L164 157L172 145L186 166Z" fill="#eef3e6"/><circle cx="177" cy="148" r="3" fill="#f3c76a"/>`,
      `<path d="M262 236L334 236L326 330Q298 338 270 330Z" fill="#fff" opacity=".45"/>`,
      `<path d="M265 262L331 262L325.5 328Q298 335 270.5 328Z" fill="url(#liquor)" opacity=".9"/>`,
      `<ellipse cx="298" cy="262" rx="33" ry="5" fill="#f7d88c"/>`,
      `<ellipse cx="298" cy="236" rx="36" ry="6" fill="none" stroke="#fff" stroke-width="2.5" opacity=".9"/>`,
      `<path d="M270 246L276 320" stroke="#fff" stroke-width="4" opacity=".6" stroke-linecap="round"/>`,
      looseLeaves,
    ].join(""),
  );
};

const masalaChaiBlend: Drawing = () => {
  const rng = random(33);
  const specks = byFill(
    Array.from({ length: 110 }, () => ({
      fill: pick(rng, ["#2b170c", "#7b4a25", "#c99157", "#86a24c", "#a0612f", "#3f2414"]),
      shape: `<circle cx="${n(138 + rng() * 124)}" cy="${n(172 + rng() * 146)}" r="${n(1.6 + rng() * 2.2)}"/>`,
    })),
  );
  const clove = (x: number, y: number, angle: number) =>
    `<g transform="translate(${x} ${y}) rotate(${angle})"><path d="M0 0L0 18" stroke="#4a2313" stroke-width="3.5" stroke-linecap="round"/><circle cx="0" cy="-2" r="4.5" fill="#5a2c17"/><path d="M-4 -4L0 -9L4 -4" fill="#6b361c"/></g>`;
  const pod = (x: number, y: number, angle: number) =>
    `<g transform="translate(${x} ${y}) rotate(${angle})"><path d="M-13 0C-9 -8 9 -8 13 0C9 8 -9 8 -13 0Z" fill="#86a94b"/><path d="M-10 -1C-4 -4 4 -4 10 -1" stroke="#5e7d30" stroke-width="1.5" fill="none"/></g>`;
  const stick = (x: number, y: number, angle: number, length: number) =>
    `<g transform="translate(${x} ${y}) rotate(${angle})"><rect x="0" y="-8" width="${length}" height="16" rx="3" fill="#96502a"/><path d="M4 -2L${length - 4} -2" stroke="#6d3618" stroke-width="2"/><ellipse cx="${length}" cy="0" rx="5" ry="8" fill="#b8733f"/><path d="M${length} -5A4 5 0 1 1 ${length - 2} 3" stroke="#6d3618" stroke-width="1.6" fill="none"/></g>`;
  return picture(
    BACKGROUNDS.tea,
    linear("wood", [
      [0, "#6e4321"],
      [0.4, "#a26a3a"],
      [1, "#6e4321"],
    ]) +
      `<clipPath id="jar"><rect x="134" y="150" width="132" height="174" rx="24"/></clipPath>` +
      linear("ginger", [
        [0, "#e2bf86"],
        [1, "#b98b4f"],
      ]),
    [
      shadow(200, 338, 160),
      `<rect x="128" y="138" width="144" height="192" rx="28" fill="#dfe8ea" opacity=".55"/>`,
      `<g clip-path="url(#jar)"><rect x="128" y="170" width="144" height="160" fill="#5b341c"/>${specks}</g>`,
      `<rect x="128" y="138" width="144" height="192" rx="28" fill="none" stroke="#fff" stroke-width="4" opacity=".8"/>`,
      `<rect x="146" y="156" width="10" height="150" rx="5" fill="#fff" opacity=".35"/>`,
      `<rect x="140" y="112" width="120" height="32" rx="8" fill="url(#wood)"/>`,
      `<path d="M148 120L252 120M148 128L252 128M148 136L252 136" stroke="#5a361a" stroke-width="1.5" opacity=".5"/>`,
      stick(58, 334, -14, 118),
      stick(70, 352, -6, 112),
      `<g fill="url(#ginger)"><rect x="262" y="326" width="76" height="26" rx="13"/><rect x="280" y="300" width="20" height="40" rx="10" transform="rotate(-20 290 320)"/><rect x="306" y="304" width="18" height="34" rx="9" transform="rotate(18 315 321)"/><rect x="252" y="316" width="30" height="18" rx="9" transform="rotate(-30 267 325)"/></g>`,
      `<path d="M282 330q-3 10 0 20M306 330q-3 10 0 20M326 332q-2 8 0 16M286 312q6 -3 10 2" stroke="#9a6c38" stroke-width="1.6" fill="none" opacity=".7"/>`,
      pod(238, 356, -20),
      pod(214, 346, 25),
      pod(350, 360, 10),
      clove(196, 360, 70),
      clove(178, 350, -50),
      clove(252, 366, 100),
      `<circle cx="300" cy="366" r="4" fill="#2a1d14"/><circle cx="311" cy="369" r="4" fill="#3a2a1e"/><circle cx="322" cy="366" r="4" fill="#2a1d14"/>`,
    ].join(""),
  );
};

// ---- Spices ----

const kashmiriSaffron: Drawing = () => {
  const rng = random(44);
  const thread = (x: number, y: number, angle: number, length: number) => ({
    fill: pick(rng, ["#a30d1b", "#c4161f", "#8c0916"]),
    shape: `<path d="M${n(x)} ${n(y)}q${n(Math.cos(angle) * length * 0.5 + 4)} ${n(Math.sin(angle) * length * 0.5 - 4)} ${n(Math.cos(angle) * length)} ${n(Math.sin(angle) * length)}"/>`,
  });
  const threads = (items: Array<{ fill: string; shape: string }>, width: number) =>
    byFill(
      items.map(({ fill, shape }) => ({ fill: "none", shape: shape.replace("<path", `<path stroke="${fill}"`) })),
      ` stroke-width="${width}" stroke-linecap="round"`,
    );
  const vialThreads = threads(
    Array.from({ length: 60 }, () => thread(248 + rng() * 42, 226 + rng() * 92, rng() * Math.PI * 2, 12 + rng() * 12)),
    2.6,
  );
  // Loose threads on the table: each a curved thread flaring at its tip, like the flower's.
  const looseThreads = [
    [226, 352, -70],
    [246, 360, -100],
    [262, 348, -60],
    [284, 362, -115],
    [300, 350, -80],
    [320, 358, -105],
  ]
    .map(
      ([x, y, angle]) =>
        `<g transform="translate(${x} ${y}) rotate(${angle}) scale(.6)"><path d="M0 0Q-6 -14 0 -30" stroke="#b3121c" stroke-width="5" stroke-linecap="round" fill="none"/><path d="M-1 -26L-7 -40Q0 -44 7 -40L1 -26Z" fill="#d41f1f"/></g>`,
    )
    .join("");
  const petal = (angle: number, length: number, width: number, fill: string) =>
    `<g transform="translate(132 250) rotate(${angle})"><path d="M0 0C${width} -14 ${width * 0.9} ${-length * 0.85} 0 ${-length}C${-width * 0.9} ${-length * 0.85} ${-width} -14 0 0Z" fill="${fill}"/><path d="M0 -8L0 ${-length * 0.85}M-7 -18Q-10 ${-length * 0.5} -5 ${-length * 0.8}M7 -18Q10 ${-length * 0.5} 5 ${-length * 0.8}" stroke="#4c2270" stroke-width="1.3" fill="none" opacity=".45"/></g>`;
  // A stigma: a thread from the flower's heart that widens into a trumpet at its tip.
  const stigma = (angle: number, length: number) =>
    `<g transform="translate(132 214) rotate(${angle})"><path d="M0 0Q-5 ${-length * 0.5} 0 ${-length}" stroke="#c9161d" stroke-width="3.5" stroke-linecap="round" fill="none"/><path d="M-1 ${-length + 4}L-7 ${-length - 10}Q0 ${-length - 14} 7 ${-length - 10}L1 ${-length + 4}Z" fill="#e0261e"/></g>`;
  return picture(
    BACKGROUNDS.spices,
    linear("purple", [
      [0, "#b48ad8"],
      [1, "#6a3a98"],
    ]) +
      linear("purpleDark", [
        [0, "#9466c0"],
        [1, "#54287e"],
      ]) +
      linear("glass", [
        [0, "#ffffff"],
        [0.5, "#f6efe6"],
        [1, "#e6d8c8"],
      ]) +
      `<clipPath id="vial"><rect x="244" y="182" width="52" height="138" rx="14"/></clipPath>`,
    [
      shadow(205, 336, 150),
      `<path d="M130 338C128 300 134 276 132 246" stroke="#5f8a3a" stroke-width="7" stroke-linecap="round" fill="none"/>`,
      `<path d="M124 338C100 300 92 262 80 214" stroke="#6f9a45" stroke-width="6" stroke-linecap="round" fill="none"/><path d="M124 338C100 300 92 262 80 214" stroke="#eef4e0" stroke-width="1.5" fill="none"/>`,
      `<path d="M138 338C162 300 174 270 186 226" stroke="#6f9a45" stroke-width="6" stroke-linecap="round" fill="none"/><path d="M138 338C162 300 174 270 186 226" stroke="#eef4e0" stroke-width="1.5" fill="none"/>`,
      petal(-30, 92, 30, "url(#purpleDark)"),
      petal(30, 92, 30, "url(#purpleDark)"),
      petal(0, 100, 32, "url(#purpleDark)"),
      `<path d="M126 214L124 190M138 214L142 192" stroke="#f2c12e" stroke-width="5" stroke-linecap="round"/>`,
      stigma(-30, 58),
      stigma(2, 66),
      stigma(32, 56),
      petal(-14, 84, 34, "url(#purple)"),
      petal(16, 84, 34, "url(#purple)"),
      `<rect x="244" y="182" width="52" height="138" rx="14" fill="url(#glass)" opacity=".7"/>`,
      `<g clip-path="url(#vial)">${vialThreads}</g>`,
      `<rect x="244" y="182" width="52" height="138" rx="14" fill="none" stroke="#fff" stroke-width="3"/>`,
      `<rect x="252" y="196" width="6" height="110" rx="3" fill="#fff" opacity=".55"/>`,
      `<rect x="250" y="152" width="40" height="38" rx="6" fill="#c99a68"/><path d="M256 162h28M256 172h28M256 182h28" stroke="#a67a4c" stroke-width="2" stroke-dasharray="3 4"/>`,
      looseThreads,
    ].join(""),
  );
};

const greenCardamom: Drawing = () => {
  const rng = random(55);
  const pod = (x: number, y: number, angle: number, scale: number) =>
    `<use href="#pod" transform="translate(${Math.round(x)} ${Math.round(y)}) rotate(${Math.round(angle)}) scale(${n(scale)})" fill="${pick(rng, ["#7fa447", "#8fb556", "#6f953c", "#9bbf62", "#86ad4c"])}"/>`;
  // Pods filling the bowl to its rim (the front half of the rim's ellipse), then heaped above it.
  const rimFill = heapPoints(rng, 200, 238, 112, 26, 32)
    .map(({ x, y }) => ({ x, y: 2 * 238 - y }))
    .sort((a, b) => a.y - b.y);
  const heap = [...heapPoints(rng, 200, 246, 112, 74, 72), ...rimFill]
    .map(({ x, y }) => pod(x, y, rng() * 180 - 90, 0.95 + rng() * 0.15))
    .join("");
  const seeds = [
    [-6, -3],
    [0, -4],
    [6, -3],
    [-9, 2],
    [-3, 2],
    [3, 2],
    [9, 2],
  ]
    .map(([x, y]) => `<circle cx="${x}" cy="${y}" r="3.3"/>`)
    .join("");
  return picture(
    BACKGROUNDS.spices,
    linear("bowl", [
      [0, "#5e3518"],
      [0.35, "#a8703f"],
      [0.55, "#b97f4b"],
      [1, "#5e3518"],
    ]) +
      `<g id="pod"><path d="M-15 0C-12 -10 12 -10 15 0C12 10 -12 10 -15 0Z"/><path d="M-11 -4C-4 -7 4 -7 11 -4" stroke="#fff" stroke-width="2.5" fill="none" opacity=".25"/><path d="M-13 1C-5 3 5 3 13 1" stroke="#3f5c1c" stroke-width="1.3" fill="none" opacity=".5"/><circle cx="15" cy="0" r="2.4" fill="#c2d58f"/></g>`,
    [
      shadow(200, 334, 150, 14),
      `<ellipse cx="200" cy="238" rx="128" ry="30" fill="#4a2a12"/>`,
      heap,
      `<path d="M72 238A128 30 0 0 0 328 238Q322 326 200 332Q78 326 72 238Z" fill="url(#bowl)"/>`,
      `<path d="M72 238A128 30 0 0 0 328 238" stroke="#d29b66" stroke-width="4" fill="none"/>`,
      `<path d="M96 286Q200 318 304 286" stroke="#5e3518" stroke-width="2" fill="none" opacity=".4"/>`,
      pod(84, 358, 20, 1.3),
      pod(300, 362, -15, 1.3),
      `<g transform="translate(196 360) scale(1.5)"><path d="M-18 2C-14 -4 -4 -7 0 -6L-2 9C-8 10 -16 8 -18 2Z" fill="#8fb556"/><path d="M18 2C14 -4 4 -7 0 -6L2 9C8 10 16 8 18 2Z" fill="#7fa447"/><path d="M-13 3C-9 -2 9 -2 13 3C9 8 -9 8 -13 3Z" fill="#d6e2b0"/><g fill="#2a1f16">${seeds}</g></g>`,
      `<g fill="#2a1f16"><circle cx="240" cy="374" r="3.4"/><circle cx="250" cy="370" r="3.4"/><circle cx="152" cy="374" r="3.4"/></g>`,
    ].join(""),
  );
};

const lakadongTurmeric: Drawing = () => {
  const rng = random(66);
  const dust = byFill(
    heapPoints(rng, 165, 252, 92, 70, 60).map(({ x, y }) => ({
      fill: pick(rng, ["#ffd166", "#e27d07", "#f6b32b"]),
      shape: `<circle cx="${n(x)}" cy="${n(y)}" r="${n(1.2 + rng() * 1.5)}"/>`,
    })),
    ' opacity=".8"',
  );
  const root = (x: number, y: number, length: number, angle: number, thickness = 24) =>
    `<g transform="translate(${x} ${y}) rotate(${angle})"><rect x="0" y="${-thickness / 2}" width="${length}" height="${thickness}" rx="${thickness / 2}" fill="#c58a4c"/><path d="M${length * 0.3} ${-thickness / 2 + 2}q-3 ${thickness / 2 - 2} 0 ${thickness - 4}M${length * 0.55} ${-thickness / 2 + 2}q-3 ${thickness / 2 - 2} 0 ${thickness - 4}M${length * 0.8} ${-thickness / 2 + 3}q-3 ${thickness / 2 - 3} 0 ${thickness - 6}" stroke="#8f5a2a" stroke-width="1.6" fill="none" opacity=".7"/><rect x="4" y="${-thickness / 2 + 3}" width="${length - 12}" height="4" rx="2" fill="#e0ad73" opacity=".6"/></g>`;
  const sprinkles = `<g fill="#f0a018">${Array.from(
    { length: 16 },
    () => `<circle cx="${n(70 + rng() * 150)}" cy="${n(340 + rng() * 20)}" r="${n(1.5 + rng() * 2)}"/>`,
  ).join("")}</g>`;
  return picture(
    BACKGROUNDS.spices,
    radial(
      "powder",
      [
        [0, "#ffc53d"],
        [0.6, "#f59f12"],
        [1, "#dd7a06"],
      ],
      0.45,
      0.3,
      0.8,
    ) +
      linear("brass", [
        [0, "#8a5a12"],
        [0.3, "#e5b24a"],
        [0.45, "#f7d98a"],
        [0.7, "#c48b26"],
        [1, "#7a4e0e"],
      ]),
    [
      shadow(205, 334, 160, 14),
      `<ellipse cx="165" cy="252" rx="102" ry="24" fill="#8a5a12"/>`,
      `<path d="M70 254C96 214 134 176 165 174C196 176 234 214 260 254Z" fill="url(#powder)"/>`,
      dust,
      `<path d="M63 252A102 24 0 0 0 267 252Q258 320 165 326Q72 320 63 252Z" fill="url(#brass)"/>`,
      `<path d="M63 252A102 24 0 0 0 267 252" stroke="#fbe3a0" stroke-width="4" fill="none"/>`,
      `<path d="M84 292Q165 318 246 292" stroke="#7a4e0e" stroke-width="2" fill="none" opacity=".35"/>`,
      root(250, 318, 88, -18, 28),
      root(268, 334, 70, 14),
      root(300, 300, 56, -52, 20),
      `<g transform="translate(232 350) rotate(8)"><rect x="0" y="-13" width="74" height="26" rx="13" fill="#c58a4c"/><ellipse cx="74" cy="0" rx="10" ry="13" fill="#f28c0f"/><ellipse cx="74" cy="0" rx="6" ry="8" fill="#ffb23f"/></g>`,
      sprinkles,
    ].join(""),
  );
};

// ---- Kitchen & Serveware ----

const kulhadCupsSet: Drawing = () => {
  const cup = (x: number, y: number, scale: number, filled: boolean) =>
    `<g transform="translate(${x} ${y}) scale(${scale})"><path d="M-36 -82C-37 -50 -30 -16 -22 0A22 5 0 0 0 22 0C30 -16 37 -50 36 -82Z" fill="url(#clay)"/><path d="M-34 -58A35 8 0 0 0 34 -58M-30 -30A30 7 0 0 0 30 -30" stroke="#7a3318" stroke-width="1.6" fill="none" opacity=".35"/><ellipse cx="0" cy="-82" rx="36" ry="9" fill="#c46a3c"/><ellipse cx="0" cy="-82" rx="31" ry="6.5" fill="${filled ? "#c89463" : "#6e2c14"}"/>${filled ? '<path d="M-18 -83q9 -4 18 0t16 -1" stroke="#e2b98a" stroke-width="2" fill="none"/>' : ""}</g>`;
  const steam = (x: number) =>
    `<path d="M${x} 176c-10 -14 10 -22 0 -36s10 -22 0 -36" stroke="#fff" stroke-width="5" stroke-linecap="round" fill="none" opacity=".9"/>`;
  return picture(
    BACKGROUNDS["kitchen-serveware"],
    linear("clay", [
      [0, "#8a3a1c"],
      [0.35, "#cc6c3d"],
      [0.55, "#d9804f"],
      [1, "#8a3a1c"],
    ]),
    [
      shadow(200, 340, 165, 14),
      cup(112, 262, 0.82, false),
      cup(200, 256, 0.82, true),
      cup(288, 262, 0.82, false),
      cup(108, 340, 1, false),
      cup(292, 340, 1, false),
      cup(200, 348, 1.08, false),
      steam(190),
      steam(212),
    ].join(""),
  );
};

const brassChaiKettle: Drawing = () =>
  picture(
    BACKGROUNDS["kitchen-serveware"],
    radial(
      "brass",
      [
        [0, "#fff3c4"],
        [0.3, "#f0c75a"],
        [0.7, "#b7841f"],
        [1, "#6e4a10"],
      ],
      0.38,
      0.35,
      0.75,
    ) +
      linear("spout", [
        [0, "#c9952d"],
        [0.5, "#f5d57d"],
        [1, "#8f6418"],
      ]) +
      linear("wood", [
        [0, "#3d2212"],
        [0.5, "#6b3f22"],
        [1, "#3d2212"],
      ]),
    [
      shadow(205, 334, 150, 13),
      `<path d="M132 210C70 212 62 296 122 300" stroke="url(#wood)" stroke-width="17" stroke-linecap="round" fill="none"/>`,
      `<path d="M286 262C330 256 338 214 354 176L366 180C356 224 342 282 292 294Z" fill="url(#spout)"/>`,
      `<ellipse cx="360" cy="178" rx="8" ry="4" fill="#8f6418" transform="rotate(20 360 178)"/>`,
      `<path d="M142 188C92 204 86 300 132 324L268 324C314 300 308 204 258 188Z" fill="url(#brass)"/>`,
      `<path d="M106 262Q200 292 294 262" stroke="#9a6a16" stroke-width="3" fill="none" opacity=".55"/><path d="M108 272Q200 302 292 272" stroke="#fbe3a0" stroke-width="2" fill="none" opacity=".6"/>`,
      `<rect x="134" y="320" width="132" height="12" rx="5" fill="#8f6418"/>`,
      `<ellipse cx="200" cy="188" rx="60" ry="12" fill="#c9952d"/>`,
      `<path d="M150 188C154 150 246 150 250 188Z" fill="url(#brass)"/>`,
      `<rect x="195" y="142" width="10" height="12" fill="#a87a20"/><circle cx="200" cy="138" r="11" fill="#e7bb4c"/><circle cx="196" cy="134" r="4" fill="#fff3c4" opacity=".8"/>`,
      `<circle cx="130" cy="212" r="6" fill="#a87a20"/><circle cx="124" cy="298" r="6" fill="#a87a20"/>`,
      `<path d="M150 220C140 244 140 280 152 304" stroke="#fff" stroke-width="7" stroke-linecap="round" fill="none" opacity=".35"/>`,
    ].join(""),
  );

const copperWaterBottle: Drawing = () => {
  const rng = random(99);
  const dimples: Array<{ fill: string; shape: string }> = [];
  for (let row = 0; row < 15; row += 1) {
    for (let col = 0; col < 7; col += 1) {
      const x = 146 + col * 14 + (row % 2) * 7 + rng() * 4;
      const y = 146 + row * 13 + rng() * 4;
      dimples.push({
        fill: rng() > 0.5 ? "#ffd9bd" : "#5c220b",
        shape: `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(4.5 + rng() * 2)}" ry="${n(3.5 + rng() * 1.5)}"/>`,
      });
    }
  }
  const body =
    "M140 168C140 142 160 132 172 126L172 116L208 116L208 126C220 132 240 142 240 168L240 324Q240 336 228 336L152 336Q140 336 140 324Z";
  return picture(
    BACKGROUNDS["kitchen-serveware"],
    linear("copper", [
      [0, "#6e2a10"],
      [0.22, "#b4552a"],
      [0.38, "#f2a370"],
      [0.55, "#c8693a"],
      [1, "#6e2a10"],
    ]) +
      linear("water", [
        [0, "#d8f0f8"],
        [1, "#a9d6ea"],
      ]) +
      `<clipPath id="body"><path d="${body}"/></clipPath>`,
    [
      shadow(215, 340, 130, 12),
      `<path d="${body}" fill="url(#copper)"/>`,
      `<g clip-path="url(#body)" opacity=".16">${byFill(dimples)}</g>`,
      `<path d="M140 180L240 180M140 314L240 314" stroke="#f5b88e" stroke-width="2.5" opacity=".7"/>`,
      `<rect x="166" y="82" width="48" height="38" rx="7" fill="url(#copper)"/>`,
      `<path d="M174 86v30M182 86v30M190 86v30M198 86v30M206 86v30" stroke="#5c220b" stroke-width="1.5" opacity=".3"/>`,
      `<path d="M160 160L160 320" stroke="#fff" stroke-width="6" stroke-linecap="round" opacity=".25"/>`,
      `<path d="M262 256L316 256L310 334Q289 340 268 334Z" fill="#fff" opacity=".5"/>`,
      `<path d="M264.5 278L313.5 278L309.5 332Q289 337 268.5 332Z" fill="url(#water)" opacity=".85"/>`,
      `<ellipse cx="289" cy="278" rx="24.5" ry="4" fill="#e9f7fc"/>`,
      `<ellipse cx="289" cy="256" rx="27" ry="5" fill="none" stroke="#fff" stroke-width="2.5"/>`,
      `<path d="M272 266L277 326" stroke="#fff" stroke-width="3.5" stroke-linecap="round" opacity=".7"/>`,
    ].join(""),
  );
};

// ---- Home & Living ----

const handloomCottonTowel: Drawing = () => {
  const stripes = (x: number, y: number, height: number) =>
    `<rect x="${x}" y="${y}" width="7" height="${height}" fill="#b8372c"/><rect x="${x + 11}" y="${y}" width="3" height="${height}" fill="#3d7a45"/><rect x="${x + 18}" y="${y}" width="7" height="${height}" fill="#b8372c"/>`;
  const fringe = (x: number, y: number, height: number, direction: 1 | -1) =>
    `<path d="${Array.from({ length: Math.floor(height / 6) }, (_, i) => `M${x} ${y + 3 + i * 6}l${direction * 14} ${i % 2 ? 2 : -1}`).join("")}" stroke="#e7dfcb" stroke-width="2.5" stroke-linecap="round"/>`;
  const slab = (x: number, y: number, width: number, height: number) =>
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="16" fill="url(#cotton)"/><path d="M${x + 14} ${y + height / 2}L${x + width - 14} ${y + height / 2}" stroke="#d9cfb8" stroke-width="1.5" opacity=".8"/>`;
  const weave = Array.from({ length: 13 }, (_, i) => `M86 ${158 + i * 13}h228`).join("");
  return picture(
    BACKGROUNDS["home-living"],
    linear(
      "cotton",
      [
        [0, "#fbf8f0"],
        [0.7, "#efe8d8"],
        [1, "#ddd3bd"],
      ],
      "y",
    ),
    [
      shadow(200, 336, 165, 13),
      fringe(326, 280, 50, 1),
      slab(70, 272, 256, 62),
      stripes(288, 272, 62),
      fringe(84, 216, 50, -1),
      slab(84, 210, 232, 62),
      stripes(102, 210, 62),
      fringe(310, 154, 50, 1),
      slab(98, 148, 212, 62),
      stripes(272, 148, 62),
      `<path d="${weave}" stroke="#d8cdb4" stroke-width="1" opacity=".35"/>`,
    ].join(""),
  );
};

const blockPrintTableRunner: Drawing = () => {
  const flower = (x: number, y: number) =>
    `<g transform="translate(${x} ${y})"><circle r="11" fill="#dfe6f2"/><circle cx="0" cy="-14" r="6" fill="#dfe6f2"/><circle cx="13.3" cy="-4.3" r="6" fill="#dfe6f2"/><circle cx="8.2" cy="11.3" r="6" fill="#dfe6f2"/><circle cx="-8.2" cy="11.3" r="6" fill="#dfe6f2"/><circle cx="-13.3" cy="-4.3" r="6" fill="#dfe6f2"/><circle r="4" fill="#2a4378"/><path d="M-6 -3l5 4M4 5l3 -6" stroke="#3b5590" stroke-width="1"/></g>`;
  const buds: string[] = [];
  for (let i = 0; i < 11; i += 1) {
    buds.push(flower(70 + i * 52, 192 + (i % 2) * 48));
    buds.push(`<circle cx="${96 + i * 52}" cy="${216}" r="4" fill="#c7d3e8"/>`);
  }
  const fringe = Array.from({ length: 16 }, (_, i) => `M40 ${128 + i * 8}l-16 ${i % 2 ? 2 : -2}`).join("");
  return picture(
    BACKGROUNDS["home-living"],
    linear("indigo", [
      [0, "#2a4272"],
      [0.5, "#1f3564"],
      [1, "#172a52"],
    ]) +
      linear("block", [
        [0, "#a8733f"],
        [1, "#7c4f27"],
      ]),
    [
      `<g transform="rotate(-18 200 200)">`,
      `<rect x="44" y="126" width="560" height="140" fill="#1c3060" opacity=".18" transform="translate(6 10)"/>`,
      `<path d="${fringe}" stroke="#c8d2e6" stroke-width="2.5" stroke-linecap="round"/>`,
      `<rect x="40" y="126" width="560" height="132" fill="url(#indigo)"/>`,
      `<path d="M40 140h560M40 244h560" stroke="#dfe6f2" stroke-width="3"/>`,
      `<path d="M40 150h560M40 234h560" stroke="#dfe6f2" stroke-width="1.5" stroke-dasharray="2 6"/>`,
      buds.join(""),
      `</g>`,
      `<g transform="translate(-60 -60) scale(1.2)">`,
      `<ellipse cx="306" cy="352" rx="74" ry="12" fill="#1c2238" opacity=".2"/>`,
      `<path d="M240 310L312 290L372 316L300 338Z" fill="#c08a52"/>`,
      `<path d="M240 310L300 338L300 352L240 324Z" fill="url(#block)"/>`,
      `<path d="M300 338L372 316L372 330L300 352Z" fill="#6e4422"/>`,
      `<path d="M258 312L312 297L352 315L300 330Z" fill="none" stroke="#8a5a2e" stroke-width="2"/>`,
      `<path d="M296 300C296 284 318 280 320 294L322 316C318 324 300 324 298 316Z" fill="#8a5a2e"/>`,
      `<ellipse cx="308" cy="290" rx="12" ry="7" fill="#a8733f"/>`,
      `</g>`,
    ].join(""),
  );
};

const sandalwoodIncense: Drawing = () => {
  const stick = (topX: number, topY: number) => {
    const baseX = 200;
    const baseY = 306;
    const midX = baseX + (topX - baseX) * 0.28;
    const midY = baseY + (topY - baseY) * 0.28;
    return `<path d="M${baseX} ${baseY}L${n(midX)} ${n(midY)}" stroke="#d7b47e" stroke-width="3" stroke-linecap="round"/><path d="M${n(midX)} ${n(midY)}L${topX} ${topY}" stroke="#5a3a26" stroke-width="6" stroke-linecap="round"/><circle cx="${topX}" cy="${topY}" r="9" fill="url(#ember)"/><circle cx="${topX}" cy="${topY}" r="3.5" fill="#ff8a2a"/>`;
  };
  const smoke = (x: number, y: number, flip: number) =>
    `<path d="M${x} ${y - 6}c${-12 * flip} -16 ${14 * flip} -26 0 -42s${16 * flip} -28 ${4 * flip} -44" stroke="#8f96a6" stroke-width="3.5" stroke-linecap="round" fill="none" opacity=".45"/>`;
  return picture(
    BACKGROUNDS["home-living"],
    radial(
      "ember",
      [
        [0, "#ffb347"],
        [0.5, "#ff7a1a"],
        [1, "#ff7a1a00"],
      ],
      0.5,
      0.5,
      0.5,
    ) +
      linear("brass", [
        [0, "#8a5a12"],
        [0.35, "#f0c766"],
        [0.5, "#fbe3a0"],
        [1, "#8a5a12"],
      ]) +
      linear(
        "sandal",
        [
          [0, "#d9ac7a"],
          [1, "#a8774a"],
        ],
        "y",
      ),
    [
      shadow(210, 334, 150, 12),
      smoke(150, 130, 1),
      smoke(206, 112, -1),
      smoke(262, 132, 1),
      stick(150, 130),
      stick(206, 112),
      stick(262, 132),
      `<path d="M100 316C130 334 270 334 300 316C290 326 250 336 200 336C150 336 110 326 100 316Z" fill="#6e4a10"/>`,
      `<ellipse cx="200" cy="316" rx="100" ry="16" fill="url(#brass)"/>`,
      `<ellipse cx="200" cy="313" rx="84" ry="10" fill="#c9952d"/>`,
      `<path d="M186 314C186 298 214 298 214 314Z" fill="url(#brass)"/>`,
      `<circle cx="130" cy="324" r="1.8" fill="#b7b0a4"/><circle cx="150" cy="320" r="1.5" fill="#b7b0a4"/><circle cx="246" cy="320" r="1.6" fill="#b7b0a4"/>`,
      `<g transform="rotate(-8 90 350)"><rect x="34" y="334" width="104" height="34" rx="8" fill="url(#sandal)"/><path d="M44 344h70M50 356h78" stroke="#9a6b40" stroke-width="1.5" opacity=".6"/><ellipse cx="138" cy="351" rx="10" ry="17" fill="#e6c090"/><ellipse cx="138" cy="351" rx="6" ry="11" fill="none" stroke="#b88656" stroke-width="1.5"/><ellipse cx="138" cy="351" rx="2.5" ry="5" fill="#b88656"/></g>`,
    ].join(""),
  );
};

const DRAWINGS: Record<string, Drawing> = {
  "assam-breakfast-tea": assamBreakfastTea,
  "darjeeling-first-flush": darjeelingFirstFlush,
  "masala-chai-blend": masalaChaiBlend,
  "kashmiri-saffron": kashmiriSaffron,
  "green-cardamom": greenCardamom,
  "lakadong-turmeric": lakadongTurmeric,
  "kulhad-cups-set": kulhadCupsSet,
  "brass-chai-kettle": brassChaiKettle,
  "copper-water-bottle": copperWaterBottle,
  "handloom-cotton-towel": handloomCottonTowel,
  "block-print-table-runner": blockPrintTableRunner,
  "sandalwood-incense": sandalwoodIncense,
};

for (const entry of CATALOG) {
  const draw = DRAWINGS[entry.slug];
  if (!draw) throw new Error(`No drawing for ${entry.slug}: add one to scripts/draw-product-art.ts.`);
  writeFileSync(`public/products/${entry.slug}.svg`, draw());
}
console.log(`Drew ${CATALOG.length} product pictures into public/products.`);
