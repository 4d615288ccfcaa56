"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

interface AdminLink {
  href: string;
  label: string;
  testId?: string;
  urgent?: boolean;
}

/** Whether `pathname` is the link's page or one under it (the dashboard only itself). */
function isCurrent(href: string, pathname: string): boolean {
  return href === "/admin" ? pathname === "/admin" : pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * The admin area's links, the needs-attention one with how many items are open. One list:
 * a column beside the page on a wide screen, a row that scrolls sideways on a phone. The
 * current page's link carries aria-current.
 */
export function AdminNav({ openAttention }: { openAttention: number }) {
  const pathname = usePathname();
  const links: AdminLink[] = [
    { href: "/admin", label: "Dashboard" },
    { href: "/admin/orders", label: "Orders" },
    { href: "/admin/refunds", label: "Refunds" },
    {
      href: "/admin/attention",
      label: `Needs attention (${openAttention})`,
      urgent: openAttention > 0,
      testId: "admin-nav-attention",
    },
    { href: "/admin/notifications", label: "Outbox" },
    { href: "/admin/products", label: "Products" },
    { href: "/admin/stock", label: "Stock" },
    { href: "/admin/jobs", label: "Jobs" },
    { href: "/admin/api-tokens", label: "API tokens" },
  ];
  return (
    <nav aria-label="Admin" className="-mx-4 overflow-x-auto px-4 lg:mx-0 lg:overflow-visible lg:px-0">
      <ul className="flex gap-1 text-sm whitespace-nowrap lg:flex-col">
        {links.map((link) => {
          const current = isCurrent(link.href, pathname);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                data-testid={link.testId}
                className={`block rounded-lg px-3 py-2 font-medium focus-visible:outline-2 focus-visible:outline-brand-600 ${
                  current ? "bg-brand-900 text-white" : "text-stone-700 hover:bg-stone-200"
                } ${link.urgent && !current ? "text-amber-900 ring-1 ring-amber-400 ring-inset" : ""}`}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
