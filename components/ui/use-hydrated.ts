"use client";

import { useSyncExternalStore } from "react";

/** The subscription of a value that never changes once the page runs. */
const subscribeToNothing = () => () => {};

/**
 * False in the server's HTML and while React hydrates, true after (and at once on a page
 * reached by client-side navigation). A control that works only through React's handlers
 * (a controlled choice that reveals other fields, an onClick-only button) is disabled until
 * then: clicked earlier, it would change the page but not React's state, or be lost.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}
