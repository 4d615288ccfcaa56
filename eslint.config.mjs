import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Folders depend one way. Each lib folder may import only the lib folders listed after it,
// so the list is the dependency order and no cycle between folders can form; app/ and
// components/ sit above all of lib, and lib/atom (the gateway protocol) imports nothing of
// the app. The shared leaves at lib's root (env, log, money, domain-error, password,
// constants) are below every folder but lib/atom. Tests and test fixtures may cross.
const LIB_LAYERS = [
  "lib/admin",
  "lib/account",
  "lib/payments",
  "lib/orders",
  "lib/refunds",
  "lib/cart",
  "lib/auth",
  "lib/catalog",
  "lib/atom-sandbox",
  "lib/lifecycle",
];
const UPPER = ["app", "components"];
const TESTS = ["**/*.test.ts", "**/testing/**"];

function forbid(folders, why) {
  return folders.map((folder) => ({ group: [`@/${folder}`, `@/${folder}/**`], message: `${folder}: ${why}` }));
}

// A relative import may not leave its folder: across folders, imports are written as @/…
// so the rule above can see them.
const RELATIVE_OUT = { group: ["../../*"], message: "Import other folders as @/… so the layer rule can see them." };
const RELATIVE_UP = { group: ["../*"], message: "Import other folders as @/… so the layer rule can see them." };

const layerRules = LIB_LAYERS.flatMap((folder, index) => {
  const above = forbid(
    [...UPPER, ...LIB_LAYERS.slice(0, index)],
    `above ${folder} in LIB_LAYERS (eslint.config.mjs); folders depend one way.`,
  );
  return [
    {
      files: [`${folder}/**/*.{ts,tsx}`],
      ignores: TESTS,
      rules: { "no-restricted-imports": ["error", { patterns: [RELATIVE_OUT, ...above] }] },
    },
    {
      files: [`${folder}/*.{ts,tsx}`],
      ignores: TESTS,
      rules: { "no-restricted-imports": ["error", { patterns: [RELATIVE_UP, ...above] }] },
    },
  ];
});

const leafRules = [
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: forbid(["app"], "routes use components, never the other way.") }],
    },
  },
  {
    // db and the shared leaves know no domain folder.
    files: ["db/**/*.ts", "lib/*.ts"],
    ignores: [...TESTS, "lib/server-start.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: forbid(
            [...UPPER, ...LIB_LAYERS],
            "db and the shared modules at lib's root sit below every domain folder.",
          ),
        },
      ],
    },
  },
  {
    files: ["lib/atom/**/*.ts"],
    ignores: TESTS,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/*", "@/**", "next", "next/*", "react"],
              message: "lib/atom is the gateway protocol only: it imports nothing of the app.",
            },
          ],
        },
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
  ...leafRules,
];

export default config;
