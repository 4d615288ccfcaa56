import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { SHOP_NAME } from "@/components/ui/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: SHOP_NAME, template: `%s · ${SHOP_NAME}` },
  description: "Teas, spices and things for the home, paid securely through Atom.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, never prerendered at build: its scripts carry the
  // nonce of this request's Content-Security-Policy (proxy.ts), which a prerendered page cannot.
  await connection();
  return (
    <html lang="en-IN">
      {/* The storefront's chrome is (storefront)/layout.tsx's; the admin area's is admin/layout.tsx's. */}
      <body className="flex min-h-screen flex-col">{children}</body>
    </html>
  );
}
