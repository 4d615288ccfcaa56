import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { findSessionUser, registerCustomer, verifyCredentials } from "./accounts";
import { verifyPassword } from "@/lib/password";
import { signUpSchema } from "./schemas";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

const signUp = (input: { email: string; password: string; name?: string }) =>
  registerCustomer(database.db, signUpSchema.parse(input));

describe(`shopper accounts (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("creates a customer with a lower-cased email and a bcrypt hash, never the password", async () => {
    const result = await signUp({ email: "  Asha.Rao@Example.IN ", password: "masala-chai-42", name: " Asha " });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.user).toMatchObject({ email: "asha.rao@example.in", name: "Asha", role: "customer" });

    const [row] = await database.db.select().from(users).where(eq(users.id, result.user.id));
    expect(row?.passwordHash).toMatch(/^\$2[aby]\$11\$/);
    expect(row?.passwordHash).not.toContain("masala-chai-42");
    expect(await verifyPassword("masala-chai-42", row!.passwordHash)).toBe(true);
  });

  it("refuses a second account for the same email, whatever its case", async () => {
    await signUp({ email: "dup@example.in", password: "first-password" });
    expect(await signUp({ email: "DUP@example.in", password: "second-password" })).toEqual({
      ok: false,
      reason: "email-taken",
    });
    const rows = await database.db.select().from(users).where(eq(users.email, "dup@example.in"));
    expect(rows).toHaveLength(1);
    expect(await verifyPassword("first-password", rows[0]!.passwordHash)).toBe(true);
  });

  it("lets one of two racing sign-ups with one email win", async () => {
    const results = await Promise.all([
      signUp({ email: "race@example.in", password: "password-one" }),
      signUp({ email: "race@example.in", password: "password-two" }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it("verifies credentials: right password, any email case; wrong password or unknown email give null", async () => {
    const created = await signUp({ email: "verify@example.in", password: "correct-horse" });
    if (!created.ok) throw new Error("sign-up failed");
    expect(await verifyCredentials(database.db, "Verify@Example.in", "correct-horse")).toEqual(created.user);
    expect(await verifyCredentials(database.db, "verify@example.in", "wrong-horse")).toBeNull();
    expect(await verifyCredentials(database.db, "nobody@example.in", "correct-horse")).toBeNull();
  });

  it("reads a session's user again from the database, with its current role", async () => {
    const created = await signUp({ email: "promoted@example.in", password: "password-123" });
    if (!created.ok) throw new Error("sign-up failed");
    await database.db.update(users).set({ role: "admin" }).where(eq(users.id, created.user.id));
    expect(await findSessionUser(database.db, created.user.id)).toMatchObject({ role: "admin" });
    await database.db.delete(users).where(eq(users.id, created.user.id));
    expect(await findSessionUser(database.db, created.user.id)).toBeNull();
  });
});
