import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { RateLimitedError } from "@/lib/domain-error";
import { verifyPassword } from "@/lib/password";
import { RATE_LIMITS } from "@/lib/rate-limits/limits";
import { createRateLimits, type RateLimits } from "@/lib/rate-limits/rate-limits";
import { signUpSchema } from "./schemas";
import { signInWithPassword } from "./sign-in";
import { signUpCustomer } from "./sign-up";

// Sign-in and sign-up as the shop runs them: real accounts, bcrypt, and the limits on the
// same database.

let database: TestDatabase;
let limits: RateLimits;

beforeAll(async () => {
  database = await createTestDatabase();
  limits = createRateLimits(
    { db: database.db },
    {
      ...RATE_LIMITS,
      signInFailuresPerAccount: { points: 3, durationSeconds: 60 },
      signInLockoutSeconds: [60, 300],
      signInFailuresPerAddress: { points: 6, durationSeconds: 60, blockSeconds: 60 },
      signUpsPerAddress: { points: 6, durationSeconds: 60 },
    },
  );
});
afterAll(async () => {
  await database?.destroy();
});

const signUp = (email: string, password: string, address = "203.0.113.1") =>
  signUpCustomer(database.db, limits, signUpSchema.parse({ email, password }), address);
const signIn = (email: string, password: string, address = "203.0.113.2") =>
  signInWithPassword(database.db, limits.signIn, { email, password, address });

async function refusal(attempt: Promise<unknown>): Promise<RateLimitedError> {
  const thrown = await attempt.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(thrown instanceof RateLimitedError)) throw new Error(`expected a refusal, got ${String(thrown)}`);
  return thrown;
}

describe(`sign-in and sign-up (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("locks an account after its failed sign-ins, refusing even the right password, whatever the address", async () => {
    await signUp("locked@example.in", "the-right-password");
    expect(await signIn("locked@example.in", "the-right-password")).toMatchObject({ email: "locked@example.in" });
    for (let failure = 1; failure <= 3; failure++) expect(await signIn("locked@example.in", "wrong-guess")).toBeNull();
    const refused = await refusal(signIn("locked@example.in", "the-right-password", "198.51.100.9"));
    expect(refused.limit).toBe("signInAccount");
    expect(refused.message).toMatch(
      /^Too many failed sign-ins for this account: it is locked\. Try again in (a minute|\d+ seconds)\.$/,
    );
  });

  it("locks an email that has no account exactly as one that has, so a lockout tells nothing", async () => {
    for (let failure = 1; failure <= 3; failure++)
      expect(await signIn("nobody@example.in", "guess", "198.51.100.10")).toBeNull();
    expect((await refusal(signIn("nobody@example.in", "guess", "198.51.100.10"))).limit).toBe("signInAccount");
  });

  it("refuses an address that failed across many accounts, before hashing anything", async () => {
    const address = "198.51.100.20";
    for (let account = 1; account <= 7; account++) await signIn(`spray-${account}@example.in`, "guess", address);
    const refused = await refusal(signIn("someone@example.in", "guess", address));
    expect(refused.limit).toBe("signInAddress");
    expect(refused.retryAfterSeconds).toBeGreaterThan(50);
  });

  it("answers a sign-up the same whether or not the email has an account, and leaves an existing account as it was", async () => {
    expect(await signUp("taken@example.in", "first-password")).toBeUndefined();
    const [before] = await database.db.select().from(users).where(eq(users.email, "taken@example.in"));
    expect(await signUp("TAKEN@example.in", "second-password")).toBeUndefined();
    const rows = await database.db.select().from(users).where(eq(users.email, "taken@example.in"));
    expect(rows).toEqual([before]);
    expect(await verifyPassword("first-password", rows[0]!.passwordHash)).toBe(true);
  });

  it("takes as long for a known email as for a new one: the password is hashed either way", async () => {
    await signUp("known@example.in", "known-password", "203.0.113.50");
    const timed = async (email: string) => {
      const started = performance.now();
      await signUp(email, "some-password", "203.0.113.50");
      return performance.now() - started;
    };
    const known = [await timed("known@example.in"), await timed("known@example.in")];
    const fresh = [await timed("fresh-1@example.in"), await timed("fresh-2@example.in")];
    // A bcrypt hash (cost 11) is tens of milliseconds at least; a lookup alone would be a few.
    expect(Math.min(...known)).toBeGreaterThan(Math.min(...fresh) / 3);
  });

  it("refuses sign-ups from one address past its limit, new emails or not", async () => {
    const address = "203.0.113.60";
    for (let signUpNumber = 1; signUpNumber <= 6; signUpNumber++)
      await signUp(`many-${signUpNumber}@example.in`, "a-password", address);
    const refused = await refusal(signUp("one-more@example.in", "a-password", address));
    expect(refused.message).toMatch(/^Too many sign-ups from your network\. Try again in (a minute|\d+ seconds)\.$/);
    expect(await database.db.select().from(users).where(eq(users.email, "one-more@example.in"))).toEqual([]);
  });
});
