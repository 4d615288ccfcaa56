"use client";

import { useActionState } from "react";
import {
  createApiTokenAction,
  revokeApiTokenAction,
  type CreateTokenState,
  type RevokeTokenState,
} from "./api-token-actions";

/** "Make a token": its name, then the token shown once in a field to copy from. */
export function CreateTokenForm() {
  const [state, formAction, pending] = useActionState<CreateTokenState, FormData>(createApiTokenAction, {});
  const error = state.fieldErrors?.name ?? state.error;
  return (
    <div className="flex flex-col gap-3">
      <form action={formAction} className="flex flex-wrap items-end gap-2" data-testid="create-token-form">
        <div className="flex flex-col gap-1">
          <label htmlFor="token-name" className="text-sm font-medium">
            What is it for?
          </label>
          <input
            id="token-name"
            name="name"
            required
            maxLength={100}
            defaultValue={state.values?.name ?? ""}
            placeholder="accounting export"
            aria-invalid={error ? true : undefined}
            aria-describedby="token-result"
            className="w-72 max-w-full rounded-lg border border-stone-300 px-3 py-1.5"
          />
        </div>
        <button
          type="submit"
          disabled={pending}
          className="rounded-full bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-70"
        >
          {pending ? "Making…" : "Make a token"}
        </button>
      </form>
      <p
        id="token-result"
        role="status"
        aria-live="polite"
        className={`text-sm ${error ? "text-red-700" : "text-emerald-800"}`}
      >
        {error ?? state.message ?? ""}
      </p>
      {state.token ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="new-token" className="text-sm font-medium">
            The new token (shown once)
          </label>
          <input
            id="new-token"
            readOnly
            value={state.token}
            data-testid="new-token"
            onFocus={(event) => event.currentTarget.select()}
            className="w-full max-w-xl rounded-lg border border-stone-300 bg-stone-50 px-3 py-1.5 font-mono text-sm"
          />
        </div>
      ) : null}
    </div>
  );
}

/** Revoke: the token stops working at once. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [state, formAction, pending] = useActionState<RevokeTokenState, FormData>(revokeApiTokenAction, {});
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="tokenId" value={tokenId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-full border border-red-300 px-3 py-1 text-sm text-red-800 hover:bg-red-50 disabled:opacity-70"
      >
        {pending ? "Revoking…" : "Revoke"}
        <span className="sr-only"> the token {name}</span>
      </button>
      <span role="status" aria-live="polite" className="text-sm text-red-700">
        {state.error ?? ""}
      </span>
    </form>
  );
}
