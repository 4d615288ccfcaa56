import { expect, type BrowserContext, type Locator, type Page, type Route } from "@playwright/test";

// The page's script files (Next's chunks); its inline scripts are in the document itself.
const SCRIPT_FILES = "**/_next/static/**/*.js";

/**
 * `path` as it stands before hydration, in a new context with `from`'s cookies: the page's
 * script files never arrive, while its inline scripts (which put the streamed parts in
 * place) still run. Close the returned context when done.
 */
export async function openWithoutScripts(
  from: BrowserContext,
  path: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await from.browser()!.newContext({ storageState: await from.storageState() });
  try {
    const page = await context.newPage();
    let refused = 0;
    await page.route(SCRIPT_FILES, (route) => {
      refused += 1;
      return route.abort();
    });
    await page.goto(path);
    // Had the pattern missed the page's scripts, it would hydrate and the check would mean nothing.
    expect(refused).toBeGreaterThan(0);
    return { context, page };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/**
 * Opens `path` with its script files held back until `hydrate` is called, so a test can act
 * on the server's HTML first. `hydrate` lets them through and returns once React has taken
 * `owned` into its tree (its fiber is on the element). That is during hydration's render, not
 * after its effects: enough for a click or a typed value, which React hydrates for first.
 */
export async function gotoWithScriptsHeld(
  page: Page,
  path: string,
): Promise<{ hydrate(owned: Locator): Promise<void> }> {
  const held: Route[] = [];
  let holding = true;
  await page.route(SCRIPT_FILES, (route) => (holding ? void held.push(route) : route.continue()));
  // The load event waits for the held scripts; the document itself is all there at this point.
  await page.goto(path, { waitUntil: "domcontentloaded" });
  // The requests are issued while the document is parsed; the route may see them a moment later.
  await expect.poll(() => held.length).toBeGreaterThan(0);
  return {
    async hydrate(owned: Locator) {
      holding = false;
      await Promise.all(held.map((route) => route.continue()));
      await page.unroute(SCRIPT_FILES);
      await expect
        .poll(() => owned.evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactFiber$"))))
        .toBe(true);
    },
  };
}
