/**
 * Where to go after signing in: only a path on this site, so a crafted link cannot send a
 * shopper elsewhere ("//evil.example" and "/\evil.example" are other hosts to a browser).
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  if (value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}

/** The sign-in page, coming back to `returnTo` afterwards. */
export function signInPath(returnTo: string): string {
  return withCallback("/sign-in", returnTo);
}

/** The sign-up page, coming back to `returnTo` afterwards. */
export function signUpPath(returnTo: string): string {
  return withCallback("/sign-up", returnTo);
}

function withCallback(page: string, returnTo: string): string {
  const target = safeCallbackPath(returnTo);
  return target === "/" ? page : `${page}?${new URLSearchParams({ callbackUrl: target })}`;
}
