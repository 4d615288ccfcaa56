import { SHOP_NAME } from "./site-header";

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 text-sm text-stone-600 sm:flex-row sm:justify-between">
        <p>© {SHOP_NAME}. Teas, spices and things for the home, shipped across India.</p>
        <p>Payments by Atom (NTT DATA Payment Services).</p>
      </div>
    </footer>
  );
}
