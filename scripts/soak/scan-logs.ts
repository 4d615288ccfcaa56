import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The instances log one JSON line per event (pino). Errors there are part of what the
// run found (a result that could not be stored, a job that failed), so the report
// counts them by message and code.

const ERROR_LEVEL = 50;

export function scanInstanceLogs(logDir: string): string {
  const counts = new Map<string, number>();
  for (const file of readdirSync(logDir).filter((name) => name.endsWith(".log"))) {
    for (const line of readFileSync(path.join(logDir, file), "utf8").split("\n")) {
      if (!line.startsWith("{")) continue;
      let entry: { level?: unknown; msg?: unknown; errorCode?: unknown };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        continue;
      }
      if (typeof entry.level !== "number" || entry.level < ERROR_LEVEL) continue;
      const key = `${String(entry.msg)}${typeof entry.errorCode === "string" ? ` (${entry.errorCode})` : ""}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  if (counts.size === 0) return "none";
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([key, count]) => `${count} × ${key}`)
    .join(", ");
}
