import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AdminChrome } from "@/components/admin/admin-chrome";
import { getDatabase } from "@/db";
import { countOpenAttention } from "@/lib/attention/open-attention";
import { requireAdminPage } from "@/lib/auth/authorize";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin" }, robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const admin = await requireAdminPage("/admin");
  const openAttention = await countOpenAttention(await getDatabase());
  return (
    <AdminChrome email={admin.email} openAttention={openAttention}>
      <div className="flex flex-col gap-6">{children}</div>
    </AdminChrome>
  );
}
