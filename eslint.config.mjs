import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Folders depend one way. Each lib folder may import only the lib folders listed after it,
// so the list is the dependency order and no cycle between folders can form. Above them
// all: app/ (routes) and components/; below them: db/, then the shared leaves at lib's
// root (every file there: env, log, money, domain-error, server-action, security-headers, …) and
// lib/atom, the gateway protocol, which imports nothing of the app. The embedded gateway
// (lib/atom-sandbox) and the gateway's half of the protocol (lib/atom/gateway-side) are
// for the sandbox's routes and for tests: no shop code imports them. The rule works on
// resolved paths, so relative, aliased and dynamic imports are all held to it. Tests and
// test fixtures (testing/ folders) may cross.
const LIB_LAYERS = [
  "lib/health",
  "lib/jobs",
  "lib/reconciliation",
  "lib/admin",
  "lib/account",
  "lib/payments",
  "lib/orders",
  "lib/refunds",
  "lib/cart",
  "lib/auth",
  "lib/catalog",
  "lib/lifecycle",
  "lib/attention",
  "lib/notifications",
  "lib/observability",
  "lib/rate-limits",
  "lib/checkout",
];
const UPPER = ["app", "components"];
const GATEWAY_SIDE = ["lib/atom-sandbox", "lib/atom/gateway-side"];
const SHARED_LEAVES = "lib/*.{ts,tsx}";
const TESTS = ["**/*.test.ts", "**/testing/**"];

// Globs throughout (the rule takes folders or globs, not both in one zone): a folder is
// everything below it.
const glob = (path) => (path.includes("*") ? `./${path}` : `./${path}/**`);
const zone = (target, from, message) => ({ target: glob(target), from: from.map(glob), message });

const LAYER_ZONES = [
  zone("components", ["app"], "routes use components, never the other way."),
  ...LIB_LAYERS.map((folder, index) =>
    zone(
      folder,
      [...UPPER, ...LIB_LAYERS.slice(0, index), ...GATEWAY_SIDE],
      `${folder} may import only what LIB_LAYERS (eslint.config.mjs) lists after it; never the sandbox or the gateway's side.`,
    ),
  ),
  zone(
    "lib/atom-sandbox",
    [...UPPER, ...LIB_LAYERS],
    "the embedded gateway knows lib/atom, db and the shared leaves only.",
  ),
  zone("db", [...UPPER, ...LIB_LAYERS, ...GATEWAY_SIDE], "db sits below every domain folder."),
  zone(
    SHARED_LEAVES,
    [...UPPER, ...LIB_LAYERS, ...GATEWAY_SIDE, "db"],
    "the shared leaves at lib's root sit below db and every domain folder.",
  ),
  zone(
    "lib/atom",
    [...UPPER, ...LIB_LAYERS, "lib/atom-sandbox", "db", SHARED_LEAVES],
    "lib/atom is the gateway protocol only: it imports nothing of the app.",
  ),
];

const layerRules = [
  {
    files: ["**/*.{ts,tsx}"],
    // The server's start-up wires the database in: the one module at lib's root above db.
    ignores: [...TESTS, "lib/server-start.ts"],
    rules: { "import/no-restricted-paths": ["error", { zones: LAYER_ZONES }] },
  },
  {
    // lib/atom loads no framework either: scripts, the sandbox and vitest use it in plain Node.
    files: ["lib/atom/**/*.ts"],
    ignores: TESTS,
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["next", "next/*", "react"], message: "lib/atom is plain Node: no framework." }] },
      ],
    },
  },
];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "db/migrations/**",
    ],
  },
  {
    // Cycles between modules; packages are not parsed for them.
    settings: { "import/ignore": ["node_modules"] },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  ...layerRules,
];

export default config;
