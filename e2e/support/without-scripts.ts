import { expect, type Browser, type BrowserContext, type Locator, type Page, type Route } from "@playwright/test";

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

/**
 * Opens `path` with its script files held back until `hydrate` is called, so a test can act
 * on the server's HTML first; `hydrate` lets them through and returns once React owns `owned`.
 */
export async function gotoWithScriptsHeld(
  page: Page,
  path: string,
): Promise<{ hydrate(owned: Locator): Promise<void> }> {
  const held: Route[] = [];
  let holding = true;
  const pattern = "**/_next/static/**/*.js";
  await page.route(pattern, (route) => (holding ? void held.push(route) : route.continue()));
  // The load event waits for the held scripts; the document itself is all there at this point.
  await page.goto(path, { waitUntil: "domcontentloaded" });
  expect(held.length).toBeGreaterThan(0);
  return {
    async hydrate(owned: Locator) {
      holding = false;
      await Promise.all(held.map((route) => route.continue()));
      // React keeps its fiber on each element it has hydrated.
      await expect
        .poll(() => owned.evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactFiber$"))))
        .toBe(true);
    },
  };
}
