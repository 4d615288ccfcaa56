import Link from "next/link";

/** The admin area's links; the needs-attention one carries how many items are open. */
export function AdminNav({ email, openAttention }: { email: string; openAttention: number }) {
  const links = [
    { href: "/admin", label: "Dashboard" },
    { href: "/admin/orders", label: "Orders" },
    { href: "/admin/refunds", label: "Refunds" },
    { href: "/admin/stock", label: "Stock" },
    { href: "/admin/attention", label: `Needs attention (${openAttention})`, urgent: openAttention > 0 },
    { href: "/admin/notifications", label: "Notifications" },
    { href: "/admin/jobs", label: "Jobs" },
  ];
  return (
    <nav
      aria-label="Admin"
      className="flex flex-wrap items-center justify-between gap-3 rounded-2xl bg-brand-900 px-4 py-3 text-sm text-white"
    >
      <div className="flex flex-wrap items-center gap-4">
        <span className="font-display text-base font-bold">Shop admin</span>
        {links.map((link) => (
          <Link
            key={link.href}
            href={link.href}
            className={`rounded-full px-3 py-1 hover:bg-white/15 ${link.urgent ? "font-semibold ring-1 ring-amber-300" : ""}`}
            data-testid={link.href === "/admin/attention" ? "admin-nav-attention" : undefined}
          >
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
