"use client";

import Form from "next/form";
import { usePathname, useSearchParams } from "next/navigation";
import { useId } from "react";
import { MAX_SEARCH_LENGTH } from "@/lib/constants";

/**
 * The header's search: a GET form to the catalog (`/?q=…`), so it works without JavaScript; with
 * it, next/form navigates client-side. On the catalog it shows the search being looked at. Not in
 * the admin's pages, which search orders with a form of their own.
 */
export function SearchBox() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  if (pathname.startsWith("/admin")) return null;
  const current = pathname === "/" ? (searchParams.get("q") ?? "") : "";
  return <SearchBoxView key={current} value={current} />;
}

/** The form itself; also what the header shows while the current search is read. */
export function SearchBoxView({ value = "" }: { value?: string }) {
  const inputId = useId();
  return (
    // On a phone the search takes a row of its own, below the shop's name and the links.
    <div className="order-last w-full md:order-none md:w-auto md:max-w-md md:flex-1">
      <Form action="/" role="search" aria-label="Products" className="flex w-full min-w-0 items-stretch">
        <label htmlFor={inputId} className="sr-only">
          Search products
        </label>
        <input
          id={inputId}
          name="q"
          type="search"
          defaultValue={value}
          maxLength={MAX_SEARCH_LENGTH}
          placeholder="Search tea, spices, kulhads…"
          autoComplete="off"
          enterKeyHint="search"
          className="min-w-0 flex-1 rounded-l-full border border-r-0 border-stone-300 bg-stone-50 px-4 py-2 text-sm placeholder:text-stone-500 focus:bg-white"
        />
        <button
          type="submit"
          className="rounded-r-full border border-brand-600 bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          Search
        </button>
      </Form>
    </div>
  );
}
