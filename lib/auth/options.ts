import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDatabase } from "@/db";
import { getEnv } from "@/lib/env";
import { verifyCredentials } from "./accounts";
import { signInSchema } from "./schemas";

const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

let authOptions: NextAuthOptions | undefined;

/** next-auth's configuration, built on first use (reading the environment at import time would run during `next build`). */
export function getAuthOptions(): NextAuthOptions {
  authOptions ??= buildAuthOptions();
  return authOptions;
}

function buildAuthOptions(): NextAuthOptions {
  const env = getEnv();
  // next-auth v4 reads its public URL from NEXTAUTH_URL (callback URLs; https there means secure cookies).
  // APP_URL already names it, so operators set one variable; an explicit NEXTAUTH_URL still wins.
  process.env.NEXTAUTH_URL ??= env.appUrl;
  return {
    secret: env.authSecret.reveal(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const user = await verifyCredentials(await getDatabase(), parsed.data.email, parsed.data.password);
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
    ],
    callbacks: {
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
}
