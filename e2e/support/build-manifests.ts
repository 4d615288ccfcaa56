import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

// What the production build serves, read from its own manifests: every page and route
// handler (.next/server/app-paths-manifest.json) and every server action with the file and
// export it comes from (.next/server/server-reference-manifest.json).

export interface BuiltEntry {
  kind: "page" | "route";
  /** The URL pattern, route groups left out: `/`, `/orders/[id]`, `/atom-sandbox/[...path]`. */
  pattern: string;
}

export interface BuiltAction {
  /** What the browser sends as `Next-Action`. */
  id: string;
  file: string;
  name: string;
  /** The pages whose forms use it (URL patterns). */
  pages: string[];
}

/** `app/(storefront)/page` or `/admin/orders/[id]/page` → `/` or `/admin/orders/[id]`. */
function urlPattern(appPath: string): string {
  const segments = appPath
    .replace(/^app(?=\/)/, "")
    .split("/")
    .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment));
  segments.pop();
  return `/${segments.join("/")}`;
}

const appPathsSchema = z.record(z.string(), z.string());

export function builtPagesAndRoutes(root: string): BuiltEntry[] {
  const manifest = appPathsSchema.parse(
    JSON.parse(readFileSync(path.join(root, ".next/server/app-paths-manifest.json"), "utf8")),
  );
  return Object.keys(manifest).map((appPath) => {
    if (appPath.endsWith("/page")) return { kind: "page", pattern: urlPattern(appPath) };
    if (appPath.endsWith("/route")) return { kind: "route", pattern: urlPattern(appPath) };
    throw new Error(`app-paths-manifest.json: ${appPath} is neither a page nor a route`);
  });
}

const actionsSchema = z.record(
  z.string(),
  z.object({ filename: z.string(), exportedName: z.string(), workers: z.record(z.string(), z.unknown()) }),
);
const serverReferencesSchema = z.object({ node: actionsSchema, edge: actionsSchema });

export function builtActions(root: string): BuiltAction[] {
  const manifest = serverReferencesSchema.parse(
    JSON.parse(readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")),
  );
  return Object.entries({ ...manifest.node, ...manifest.edge }).map(([id, action]) => ({
    id,
    file: action.filename,
    name: action.exportedName,
    pages: Object.keys(action.workers).map(urlPattern),
  }));
}

/** The built server action `name` exported by `file` (`components/admin/actions.ts`); throws when there is none. */
export function builtAction(actions: readonly BuiltAction[], file: string, name: string): BuiltAction {
  const action = actions.find((candidate) => candidate.file === file && candidate.name === name);
  if (action === undefined) throw new Error(`the build has no server action ${file}#${name}`);
  return action;
}

/** Whether a concrete path (`/atom-sandbox/control`) is served by a pattern (`/atom-sandbox/[...path]`). */
export function patternMatches(pattern: string, pathname: string): boolean {
  const source = pattern
    .split("/")
    .map((segment) => {
      if (/^\[\[\.\.\..+\]\]$/.test(segment)) return "?.*";
      if (/^\[\.\.\..+\]$/.test(segment)) return ".+";
      if (/^\[.+\]$/.test(segment)) return "[^/]+";
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return new RegExp(`^${source}$`).test(pathname);
}
