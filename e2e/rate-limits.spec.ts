import { expect, test, type Browser, type Page } from "@playwright/test";
import { newShopper, OTHER_TYPED_PASSWORDS, signOut, signUp } from "./support/shopper";

// What a person sees of the limits. The e2e server trusts one proxy (playwright.config.ts),
// so each test is a client at its own address, with its own counts.

let addresses = Math.floor(Math.random() * 200);
/** An address (of a documentation range) no other test here uses. */
function anotherAddress(): string {
  addresses += 1;
  return `198.51.100.${(addresses % 250) + 1}`;
}

/** A browser whose requests arrive through the trusted proxy from `address`. */
async function clientAt(browser: Browser, address: string): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": address } });
  return context.newPage();
}

/** The sign-in form's own message (Next's route announcer is an alert too). */
const formAlert = (page: Page) => page.getByRole("main").getByRole("alert");

/** The sign-in page, ready for input (a click before hydration would post the form natively). */
async function openSignIn(page: Page) {
  await page.goto("/sign-in");
  await page.waitForLoadState("networkidle");
}

/** Presses "Sign in" and waits for next-auth's answer. */
async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse((response) => response.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
}

test("five wrong passwords lock the account: even the right one is refused, with the time to wait", async ({
  browser,
}) => {
  const page = await clientAt(browser, anotherAddress());
  const shopper = newShopper("lockout");
  await signUp(page, shopper);
  await signOut(page);
  await openSignIn(page);
  for (const wrongPassword of OTHER_TYPED_PASSWORDS.lockout) {
    await submitSignIn(page, shopper.email, wrongPassword);
    await expect(formAlert(page)).toHaveText(/do not match an account/);
  }
  await submitSignIn(page, shopper.email, shopper.password);
  await expect(formAlert(page)).toHaveText(
    /^Too many failed sign-ins for this account: it is locked\. Try again in (a minute|\d+ seconds)\.$/,
  );
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);

  // The lock is the account's, wherever the next try comes from.
  const elsewhere = await clientAt(browser, anotherAddress());
  await openSignIn(elsewhere);
  await submitSignIn(elsewhere, shopper.email, shopper.password);
  await expect(formAlert(elsewhere)).toHaveText(/it is locked\. Try again in (a minute|\d+ seconds)\./);
});

test("sign-up answers an email that has an account exactly as a new one", async ({ browser }) => {
  const page = await clientAt(browser, anotherAddress());
  // The sign-up action's answers, read before the browser moves on.
  const answers: string[] = [];
  await page.route("**/sign-up", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch();
    const body = await response.text();
    answers.push(body);
    await route.fulfill({ response, body });
  });
  const shopper = newShopper("same-answer");
  await signUp(page, shopper);
  await signOut(page);

  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByLabel("Password").fill(OTHER_TYPED_PASSWORDS.someoneElsesGuess);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "If that email was new, its account is ready" }),
  ).toBeVisible();
  await expect(page.getByText(/already exists/)).toHaveCount(0);
  // The sign-up's own answer, byte for byte: the same for the new email and the known one.
  expect(answers).toHaveLength(2);
  expect(answers[1]).toBe(answers[0]);
});

test("the callback route answers 429 with Retry-After to an address that keeps posting forgeries", async ({
  request,
}) => {
  const address = anotherAddress();
  const forge = (from: string, route = "callback") =>
    request.post(`/api/atom/${route}`, {
      form: { encData: "AB".repeat(64), merchId: "317157" },
      headers: { "x-forwarded-for": from },
      maxRedirects: 0,
    });
  for (let forgery = 1; forgery <= 31; forgery++) expect((await forge(address)).status()).toBe(400);
  const limited = await forge(address);
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(500);
  expect(Number(limited.headers()["retry-after"])).toBeLessThanOrEqual(600);
  expect((await forge(address, "return")).status()).toBe(429);
  // Another client is not held to that address's count.
  expect((await forge(anotherAddress())).status()).toBe(400);
});
