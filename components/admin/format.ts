/** "refund_outcome_unknown" → "Refund outcome unknown". */
export function humanize(code: string): string {
  const words = code.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function shortId(id: string): string {
  return id.slice(0, 8).toUpperCase();
}
