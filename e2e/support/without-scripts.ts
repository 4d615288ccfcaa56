import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/**
 * `path` as it stands before hydration, in a new context with `from`'s cookies: the page's
 * script files never arrive, while its inline scripts (which put the streamed parts in
 * place) still run. Close the returned context when done.
 */
export async function openWithoutScripts(
  browser: Browser,
  from: BrowserContext,
  path: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: await from.storageState() });
  const page = await context.newPage();
  let blocked = 0;
  await page.route("**/_next/static/**/*.js", (route) => {
    blocked += 1;
    return route.abort();
  });
  await page.goto(path);
  // Had the pattern missed the page's scripts, it would hydrate and the check would mean nothing.
  expect(blocked).toBeGreaterThan(0);
  return { context, page };
}
