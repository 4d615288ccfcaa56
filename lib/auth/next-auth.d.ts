import type { DefaultSession } from "next-auth";

// The session carries the user's id (the JWT's subject); everything else is re-read from the database.
declare module "next-auth" {
  interface Session {
    user?: DefaultSession["user"] & { id?: string };
  }
}
