// What a person refused by a limit is told (no server code: the sign-in form shows these too).

/** Each limit's refusal, given the seconds until the caller may try again. */
export const REFUSALS = {
  signInAccount: (seconds: number) =>
    `Too many failed sign-ins for this account: it is locked. Try again ${waitText(seconds)}.`,
  signInAddress: (seconds: number) => `Too many failed sign-ins from your network. Try again ${waitText(seconds)}.`,
  signUpAddress: (seconds: number) => `Too many sign-ups from your network. Try again ${waitText(seconds)}.`,
  paymentAddress: (seconds: number) => `Too many payments started from your network. Try again ${waitText(seconds)}.`,
  paymentCart: (seconds: number) => `Too many payments started for this cart. Try again ${waitText(seconds)}.`,
  paymentOrder: (seconds: number) => `Too many payments started for this order. Try again ${waitText(seconds)}.`,
  paymentCheckAddress: (seconds: number) =>
    `Too many payment checks from your network. Try again ${waitText(seconds)}.`,
} as const;

export type RefusalKind = keyof typeof REFUSALS;

/** "in 40 seconds", "in a minute", "in 12 minutes", "in 2 hours": when a refused person may try again. */
export function waitText(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 60) return `in ${whole} second${whole === 1 ? "" : "s"}`;
  const minutes = Math.ceil(whole / 60);
  if (minutes === 1) return "in a minute";
  if (minutes < 120) return `in ${minutes} minutes`;
  return `in ${Math.ceil(minutes / 60)} hours`;
}
