import { SHOP_NAME } from "./site-header";
import { SupportContact } from "./support-contact";

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 text-sm text-stone-600">
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-between">
          <p>© {SHOP_NAME}. Teas, spices and things for the home, shipped across India.</p>
          <p>Payments by Atom (NTT DATA Payment Services).</p>
        </div>
        <section id="contact" aria-labelledby="contact-heading">
          <h2 id="contact-heading" className="sr-only">
            Contact us
          </h2>
          <SupportContact lead="Questions about an order?" />
        </section>
      </div>
    </footer>
  );
}
