"use client";

import "./globals.css";

/**
 * The last boundary: an error in a layout itself (the storefront's or the admin's frame,
 * say the database is down while it reads the session). It replaces the root layout, so it
 * brings its own <html> and <body>.
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en-IN">
      <body className="flex min-h-screen items-center justify-center p-4">
        <main role="alert" className="max-w-lg rounded-2xl border border-red-200 bg-white p-8 text-center">
          <h1 className="font-display text-2xl font-bold text-red-800">Something went wrong</h1>
          <p className="mt-2 text-stone-600">
            This page could not be shown. Nothing was changed. Please try again in a moment.
            {error.digest ? <span className="mt-2 block text-xs text-stone-500">Reference: {error.digest}</span> : null}
          </p>
          <button
            type="button"
            onClick={reset}
            className="mt-6 rounded-full bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
