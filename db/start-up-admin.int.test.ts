import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UAT_CREDENTIAL_VARIABLES } from "@/lib/atom";
import { verifyPassword } from "@/lib/password";
import { getDatabase, type Database } from "./index";
import { products, users } from "./schema";
import { ensureConfiguredAdmin } from "./seed";
import { createTestDatabase, testServerUrl, type TestDatabase } from "./testing/test-database";

// Issue 14: a uat (or production) shop with ADMIN_EMAIL/ADMIN_PASSWORD but no SEED_ON_START
// started with no admin. The app's own start-up (getDatabase: migrate, then prepare) runs
// here on a fresh database in uat mode.

const ADMIN = { email: "Owner@Example.com", password: "uat-admin-password-123" };
let fresh: TestDatabase | undefined;
let folder: string | undefined;
let db: Database;

beforeAll(async () => {
  const serverUrl = testServerUrl();
  Object.assign(process.env, {
    ATOM_MODE: "uat",
    ...UAT_CREDENTIAL_VARIABLES,
    APP_URL: "https://shop.test",
    AUTH_SECRET: "integration-tests-only-auth-secret-0123456789",
    JOBS: "off",
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  delete process.env.SEED_ON_START;
  if (serverUrl) {
    // A new, empty database on the server (migrated by createTestDatabase; the start-up migrates again, a no-op).
    fresh = await createTestDatabase();
    process.env.DATABASE_URL = fresh.url;
  } else {
    folder = mkdtempSync(path.join(tmpdir(), "shop-uat-start-"));
    process.env.PGLITE_DIR = path.join(folder, "pglite");
  }
  db = await getDatabase();
});
afterAll(async () => {
  await fresh?.destroy();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe(`start-up in uat mode without SEED_ON_START (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD and leaves the catalog empty", async () => {
    const [admin] = await db.select().from(users).where(eq(users.email, "owner@example.com"));
    expect(admin?.role).toBe("admin");
    expect(await verifyPassword(ADMIN.password, admin!.passwordHash)).toBe(true);
    const [catalog] = await db.select({ products: count() }).from(products);
    expect(catalog?.products).toBe(0);
  });

  it("leaves an existing admin's password as it is on the next start", async () => {
    const logs: string[] = [];
    await ensureConfiguredAdmin(db, { email: ADMIN.email, password: "another-password-456" }, (m) => logs.push(m));
    const [admin] = await db.select().from(users).where(eq(users.email, "owner@example.com"));
    expect(await verifyPassword(ADMIN.password, admin!.passwordHash)).toBe(true);
    expect(logs).toEqual([]);
  });

  it("does not promote a customer who holds the email, and says so as an error without the password", async () => {
    await db.insert(users).values({ email: "taken@example.com", role: "customer", passwordHash: "not-a-real-hash" });
    const logs: Array<{ message: string; level: string }> = [];
    await ensureConfiguredAdmin(
      db,
      { email: "Taken@Example.com", password: "never-logged-password" },
      (message, level) => logs.push({ message, level }),
    );
    const [user] = await db.select().from(users).where(eq(users.email, "taken@example.com"));
    expect(user?.role).toBe("customer");
    expect(user?.passwordHash).toBe("not-a-real-hash");
    expect(logs).toEqual([{ level: "error", message: expect.stringContaining("NOT made an admin") }]);
    expect(JSON.stringify(logs)).not.toContain("never-logged-password");
  });
});
