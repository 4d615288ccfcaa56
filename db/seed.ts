import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { hashPassword } from "@/lib/password";
import { CATALOG } from "./catalog";
import type { Database } from "./client";
import { products, users } from "./schema";

export interface SeedOptions {
  /** The admin to create if absent. Without one, a development admin is made with a generated password. */
  admin?: { email: string; password: string };
  /** Whether a generated development admin may be created (sandbox only). */
  allowGeneratedAdmin: boolean;
  log: (message: string) => void;
}

export const DEFAULT_ADMIN_EMAIL = "admin@shop.local";

/** Idempotent: inserts the catalog and the admin when they are missing and changes nothing otherwise. */
export async function seedDatabase(db: Database, options: SeedOptions): Promise<void> {
  await db
    .insert(products)
    .values(CATALOG.map((entry) => ({ ...entry, image: `/products/${entry.slug}.svg` })))
    .onConflictDoNothing({ target: products.slug });
  await seedAdmin(db, options);
}

async function seedAdmin(db: Database, options: SeedOptions): Promise<void> {
  if (options.admin) {
    const email = options.admin.email.toLowerCase();
    const inserted = await db
      .insert(users)
      .values({ email, name: "Shop admin", role: "admin", passwordHash: await hashPassword(options.admin.password) })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (inserted.length > 0) options.log(`Created admin ${email} (password from ADMIN_PASSWORD).`);
    return;
  }
  if (!options.allowGeneratedAdmin) return;
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
  if (existing) return;
  const password = randomBytes(12).toString("base64url");
  const inserted = await db
    .insert(users)
    .values({
      email: DEFAULT_ADMIN_EMAIL,
      name: "Shop admin",
      role: "admin",
      passwordHash: await hashPassword(password),
    })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  // Printed once, on the run that created it; only its hash is stored.
  if (inserted.length > 0) {
    options.log(
      `Created development admin ${DEFAULT_ADMIN_EMAIL} with password ${password} (shown once; set ADMIN_EMAIL/ADMIN_PASSWORD to choose your own).`,
    );
  }
}
