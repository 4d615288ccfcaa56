"use client";

export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-2xl border border-red-200 bg-white p-8">
      <h1 className="font-display text-2xl font-bold text-red-800">This admin page failed to load</h1>
      <p className="mt-2 text-stone-600">
        Nothing was changed. Try again; if it keeps failing, check the server log.
        {error.digest ? <span className="mt-2 block text-xs text-stone-500">Reference: {error.digest}</span> : null}
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded-full bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700"
      >
        Try again
      </button>
    </div>
  );
}
