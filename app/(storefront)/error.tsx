"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-2xl border border-red-200 bg-white p-8 text-center">
      <h1 className="font-display text-2xl font-bold text-red-800">Something went wrong</h1>
      <p className="mt-2 text-stone-600">
        We could not load this page. Please try again in a moment. If it keeps happening,{" "}
        <a href="#contact" className="font-medium underline">
          contact us
        </a>{" "}
        (our email and phone are at the foot of this page).
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
