import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files that must be loaded from node_modules as-is;
  // prom-client's default metrics and pino's streams are process-wide, so one copy of each
  // is loaded from node_modules rather than one per route bundle. rate-limiter-flexible's
  // Drizzle store imports drizzle-orm by a computed name, which only Node itself resolves.
  serverExternalPackages: ["@electric-sql/pglite", "prom-client", "pino", "pino-pretty", "rate-limiter-flexible"],
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
