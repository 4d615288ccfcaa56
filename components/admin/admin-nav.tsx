import Link from "next/link";

const LINKS = [
  { href: "/admin/orders", label: "Orders" },
  { href: "/admin/refunds", label: "Refunds" },
];

export function AdminNav({ email }: { email: string }) {
  return (
    <nav
      aria-label="Admin"
      className="flex flex-wrap items-center justify-between gap-3 rounded-2xl bg-brand-900 px-4 py-3 text-sm text-white"
    >
      <div className="flex flex-wrap items-center gap-4">
        <span className="font-display text-base font-bold">Shop admin</span>
        {LINKS.map((link) => (
          <Link key={link.href} href={link.href} className="rounded-full px-3 py-1 hover:bg-white/15">
            {link.label}
          </Link>
        ))}
      </div>
      <span className="text-white/80" data-testid="admin-user">
        {email}
      </span>
    </nav>
  );
}
