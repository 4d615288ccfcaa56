import type { Metadata } from "next";
import Image from "next/image";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProductForm } from "@/components/admin/product-form";
import { getDatabase } from "@/db";
import { getProductForAdmin } from "@/lib/admin/list-products";
import { requireAdminPage } from "@/lib/auth/authorize";

export const metadata: Metadata = { title: "Product" };

export default async function AdminProductPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await requireAdminPage(`/admin/products/${id}`);
  const product = await getProductForAdmin(await getDatabase(), admin, id);
  if (product === null) notFound();

  return (
    <section aria-labelledby="product-heading" className="flex max-w-3xl flex-col gap-4">
      <Link href="/admin/products" className="text-sm text-brand-700 underline">
        ← Products
      </Link>
      <div className="flex items-center gap-4">
        <Image
          src={product.image}
          alt={product.imageAlt}
          width={96}
          height={96}
          className="h-24 w-24 shrink-0 rounded-xl bg-stone-100 object-cover"
          unoptimized
        />
        <div className="flex flex-col gap-1">
          <h1 id="product-heading" className="font-display text-2xl font-bold text-brand-900">
            {product.name}
          </h1>
          <p className="text-sm text-stone-600">
            {product.categoryName ?? "No category"} ·{" "}
            {product.active ? (
              <Link href={`/products/${product.slug}`} className="text-brand-700 underline">
                Its page in the shop
              </Link>
            ) : (
              <span>Not for sale</span>
            )}
          </p>
        </div>
      </div>
      <div className="rounded-2xl bg-white p-5 shadow-sm">
        <ProductForm
          product={{
            id: product.id,
            name: product.name,
            summary: product.summary,
            description: product.description,
            price: product.price,
            stock: product.stock,
            gstRateBasisPoints: product.gstRateBasisPoints,
            hsnCode: product.hsnCode,
            active: product.active,
            version: product.version,
          }}
        />
      </div>
      <p className="text-sm text-stone-600">
        Orders keep the name, price, GST rate and HSN code they were placed with; an edit applies to carts and new
        orders. GST rates and HSN codes are the shop&apos;s to confirm with its tax adviser.
      </p>
    </section>
  );
}
