/**
 * What someone typed into a one-line field, cleaned: runs of white space made one space, other
 * control characters (a pasted NUL, which PostgreSQL cannot store) dropped, then trimmed.
 * Format characters such as the joiners Indic scripts use are kept.
 */
export function oneLine(value: string): string {
  return value
    .replace(/\s+/g, " ")
    .replace(/\p{Cc}/gu, "")
    .trim();
}
