/** The admin the e2e server seeds (see playwright.config.ts). Test-only credentials. */
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password" };
