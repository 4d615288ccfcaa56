"use server";

import { revalidatePath } from "next/cache";
import { getDatabase } from "@/db";
import { createTokenSchema, makeApiToken, revokeToken, revokeTokenSchema } from "@/lib/admin/api-tokens";
import { getCurrentUser } from "@/lib/auth/session";
import { runAction, type ActionState } from "@/lib/server-action";

// The API tokens page's actions: public endpoints, so the services check the caller is an admin.

/** The token itself comes back once, in `token`, to be copied; it is never shown again. */
export type CreateTokenState = ActionState<"name", { token?: string; tokenId?: string }>;

export type RevokeTokenState = ActionState;

const tryAgain = (what: string) =>
  `Could not ${what} just now. Please try again; if it keeps failing, check the server log.`;

export async function createApiTokenAction(_previous: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const name = "make an API token";
  const form = {
    name,
    schema: createTokenSchema,
    fields: ["name"],
    refill: ["name"],
    tryAgain: tryAgain(name),
  } as const;
  return runAction(formData, form, async (input): Promise<CreateTokenState> => {
    const { id, token } = await makeApiToken(await getDatabase(), await getCurrentUser(), input);
    revalidatePath("/admin/api-tokens");
    return { message: "Made. Copy the token now: it is not shown again.", token, tokenId: id };
  });
}

export async function revokeApiTokenAction(_previous: RevokeTokenState, formData: FormData): Promise<RevokeTokenState> {
  const name = "revoke the API token";
  return runAction(formData, { name, schema: revokeTokenSchema, tryAgain: tryAgain(name) }, async (input) => {
    await revokeToken(await getDatabase(), await getCurrentUser(), input);
    revalidatePath("/admin/api-tokens");
    return { message: "Revoked." };
  });
}
