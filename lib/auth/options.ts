import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDatabase } from "@/db";
import { clientAddress } from "@/lib/client-address";
import { RateLimitedError } from "@/lib/domain-error";
import { getEnv } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import { getRateLimits } from "@/lib/rate-limits/process-rate-limits";
import { signInSchema } from "./schemas";
import { signInWithPassword } from "./sign-in";
import { refusedSignInCode } from "./sign-in-errors";

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
        async authorize(credentials, request) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const address = clientAddress(headersOf(request.headers), env.trustProxyHops);
          // next-auth sends a thrown error's message to the browser as its error code: only codes go there.
          try {
            const user = await signInWithPassword(await getDatabase(), (await getRateLimits()).signIn, {
              ...parsed.data,
              address,
            });
            return user ? { id: user.id, email: user.email, name: user.name } : null;
          } catch (error) {
            if (
              error instanceof RateLimitedError &&
              (error.limit === "signInAccount" || error.limit === "signInAddress")
            )
              throw new Error(refusedSignInCode(error.limit, error.retryAfterSeconds));
            log.error({ action: "sign in", ...errorFields(error) }, "sign-in failed");
            throw new Error("SignInUnavailable");
          }
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

/** next-auth's request headers (a plain object) as Fetch Headers. */
function headersOf(source: Record<string, unknown> | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(source ?? {})) if (typeof value === "string") headers.set(name, value);
  return headers;
}
