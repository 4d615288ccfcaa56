import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { z } from "zod";

// A route's first-load JavaScript in the production build (App Router, Next 16): the scripts
// its HTML loads before anything is clicked. That is the build's rootMainFiles (the React and
// Next runtime, on every page) plus every chunk named in the route's client reference manifest
// (`entryJSFiles`: the client components of its layouts, page, error and not-found boundaries),
// which Next puts in the HTML as <script async>. The nomodule polyfills are left out: a browser
// that runs modules never loads them. Sizes are gzip at zlib's default level, as `next start`
// compresses them.

const buildManifestSchema = z.object({ rootMainFiles: z.array(z.string()) });
const appPathsSchema = z.record(z.string(), z.string());
const clientReferenceSchema = z.object({ entryJSFiles: z.record(z.string(), z.array(z.string())) });

/** `/(storefront)/products/[slug]/page` → `/products/[slug]`; null for what is not a page or is Next's own (`/_not-found`). */
export function routeOfAppPath(appPath: string): string | null {
  if (!appPath.endsWith("/page")) return null;
  const segments = appPath
    .split("/")
    .slice(0, -1)
    .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment));
  if (segments[0]?.startsWith("_")) return null;
  return `/${segments.join("/")}`;
}

/** The chunks a client reference manifest's text lists for the page's segments (`entryJSFiles`), each once. */
export function entryChunksOf(manifestText: string): string[] {
  const match = /globalThis\.__RSC_MANIFEST\[("(?:[^"\\]|\\.)*")\]\s*=\s*(\{.*\})\s*;?\s*$/s.exec(manifestText);
  if (!match) throw new Error("not a client reference manifest (no `globalThis.__RSC_MANIFEST[…] = {…}`)");
  const manifest = clientReferenceSchema.parse(JSON.parse(match[2]!));
  return [...new Set(Object.values(manifest.entryJSFiles).flat())];
}

/** The runtime's chunks and the route's own, each once, in a stable order. */
export function firstLoadChunks(rootMainFiles: readonly string[], entryChunks: readonly string[]): string[] {
  return [...new Set([...rootMainFiles, ...entryChunks].map((file) => file.replace(/^\/?_next\//, "")))].sort();
}

export interface RouteJs {
  route: string;
  /** gzip bytes of every first-load chunk. */
  bytes: number;
  /** gzip bytes of the chunks every route loads (rootMainFiles). */
  sharedBytes: number;
}

/** Every page route of the build in `root`/.next with its first-load JavaScript, by route. */
export function measureFirstLoadJs(root: string): RouteJs[] {
  const next = path.join(root, ".next");
  if (!existsSync(path.join(next, "BUILD_ID")))
    throw new Error(`no production build in ${next}: run \`npm run build\``);
  const { rootMainFiles } = buildManifestSchema.parse(
    JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8")),
  );
  const appPaths = appPathsSchema.parse(
    JSON.parse(readFileSync(path.join(next, "server", "app-paths-manifest.json"), "utf8")),
  );
  const sizes = new Map<string, number>();
  const gzipBytes = (file: string): number => {
    let size = sizes.get(file);
    if (size === undefined) {
      size = gzipSync(readFileSync(path.join(next, file))).length;
      sizes.set(file, size);
    }
    return size;
  };
  const total = (files: readonly string[]) => files.reduce((sum, file) => sum + gzipBytes(file), 0);
  const sharedBytes = total(firstLoadChunks(rootMainFiles, []));
  const routes: RouteJs[] = [];
  for (const [appPath, serverFile] of Object.entries(appPaths)) {
    const route = routeOfAppPath(appPath);
    if (route === null) continue;
    const manifestFile = path.join(next, "server", serverFile.replace(/\.js$/, "_client-reference-manifest.js"));
    const chunks = firstLoadChunks(rootMainFiles, entryChunksOf(readFileSync(manifestFile, "utf8")));
    routes.push({ route, bytes: total(chunks), sharedBytes });
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}
