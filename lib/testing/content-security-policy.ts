/**
 * A Content-Security-Policy header read back into its directives, for the tests of the
 * policies lib/security-headers.ts writes: "a b c; d e" → { a: ["b", "c"], d: ["e"] }.
 * Undefined (no header) reads as no directive at all.
 */
export function directivesOf(policy: string | null | undefined): Record<string, string[]> {
  if (policy === null || policy === undefined) return {};
  return Object.fromEntries(
    policy
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name !== undefined && name !== "")
      .map(([name, ...sources]) => [name!, sources]),
  );
}
