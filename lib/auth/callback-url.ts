const BASE = "http://this.site";

/**
 * Where to go after signing in: only a path on this site, so a crafted link cannot send a
 * shopper elsewhere. Browsers strip tabs and newlines and read "\\" as "/", so
 * "/\t/evil.example" or "/\\evil.example" name other hosts: the value is resolved the way a
 * browser would and kept only if it stays on this origin, and only its path, query and
 * fragment are returned.
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (resolved.origin !== BASE) return fallback;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // Dot segments can fold "/.//evil.example" into "//evil.example": another host again.
  return path.startsWith("//") ? fallback : path;
}

/** The sign-in page, coming back to `returnTo` afterwards. */
export function signInPath(returnTo: string): string {
  return withCallback("/sign-in", returnTo);
}

/** The sign-in page after a sign-up whose own sign-in did not succeed: it says why that may be, and comes back to `returnTo`. */
export function signInAfterSignUpPath(returnTo: string): string {
  const path = signInPath(returnTo);
  return `${path}${path.includes("?") ? "&" : "?"}notice=${SIGNED_UP_NOTICE}`;
}

/** `?notice=` that makes the sign-in page show its after-sign-up notice. */
export const SIGNED_UP_NOTICE = "signed-up";

/** The sign-up page, coming back to `returnTo` afterwards. */
export function signUpPath(returnTo: string): string {
  return withCallback("/sign-up", returnTo);
}

function withCallback(page: string, returnTo: string): string {
  const target = safeCallbackPath(returnTo);
  return target === "/" ? page : `${page}?${new URLSearchParams({ callbackUrl: target })}`;
}
