import type { Metadata } from "next";
import Image from "next/image";
import Link from "next/link";
import { Pagination } from "@/components/admin/pagination";
import { ProductFilters } from "@/components/admin/product-filters";
import { ScrollBox } from "@/components/admin/scroll-box";
import { getDatabase } from "@/db";
import type { SearchParams } from "@/lib/admin/filters";
import { listCategoryOptions, listProductsForAdmin, parseProductListFilters } from "@/lib/admin/list-products";
import { requireAdminPage } from "@/lib/auth/authorize";
import { LOW_STOCK_THRESHOLD } from "@/lib/catalog/stock-availability";
import { formatGstRate } from "@/lib/gst";
import { formatRupees } from "@/lib/money";

export const metadata: Metadata = { title: "Products" };

export default async function AdminProductsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdminPage("/admin/products");
  const filters = parseProductListFilters(await searchParams);
  const db = await getDatabase();
  const [page, categories] = await Promise.all([
    listProductsForAdmin(db, admin, filters),
    listCategoryOptions(db, admin),
  ]);

  return (
    <section aria-labelledby="products-heading" className="flex flex-col gap-4">
      <h1 id="products-heading" className="font-display text-3xl font-bold text-brand-900">
        Products
      </h1>
      <p className="max-w-3xl text-sm text-stone-600">
        Every product, for sale or not. Open one to change its price, stock, texts, GST rate, HSN code or whether it is
        for sale; a new price applies to new orders only.{" "}
        <Link href="/admin/stock" className="text-brand-700 underline">
          Stock
        </Link>{" "}
        sets levels for many products at once and shows what unpaid orders hold.
      </p>
      <ProductFilters current={filters} categories={categories} />
      <ScrollBox label="Products" className="rounded-2xl bg-white shadow-sm">
        <table className="w-full min-w-[46rem] text-sm" data-testid="admin-products">
          <caption className="sr-only">Products, by name</caption>
          <thead className="border-b border-stone-200 text-left text-stone-500">
            <tr>
              <th scope="col" className="px-3 py-3 font-medium">
                Product
              </th>
              <th scope="col" className="px-3 py-3 text-right font-medium">
                Price
              </th>
              <th scope="col" className="px-3 py-3 text-right font-medium">
                Stock
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                For sale
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                Category
              </th>
              <th scope="col" className="px-3 py-3 text-right font-medium">
                GST
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                HSN
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {page.rows.map((product) => (
              <tr key={product.id} data-testid="admin-product-row">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  <div className="flex items-center gap-3">
                    {/* The name beside it says what it is: decorative here. */}
                    <Image
                      src={product.image}
                      alt=""
                      width={48}
                      height={48}
                      className="h-12 w-12 shrink-0 rounded-lg bg-stone-100 object-cover"
                      unoptimized
                    />
                    <Link href={`/admin/products/${product.id}`} className="text-brand-700 underline">
                      {product.name}
                    </Link>
                  </div>
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{formatRupees(product.price)}</td>
                <td
                  className={`px-3 py-2 text-right tabular-nums ${product.stock <= LOW_STOCK_THRESHOLD ? "font-semibold text-amber-800" : ""}`}
                >
                  {product.stock}
                </td>
                <td className="px-3 py-2">{product.active ? "Yes" : "No"}</td>
                <td className="px-3 py-2">{product.categoryName ?? "—"}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatGstRate(product.gstRateBasisPoints)}</td>
                <td className="px-3 py-2 font-mono text-xs">{product.hsnCode ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.rows.length === 0 ? (
          <p className="p-6 text-center text-stone-600">No products match these filters.</p>
        ) : null}
      </ScrollBox>
      <Pagination
        page={page}
        basePath="/admin/products"
        params={{
          q: filters.q,
          category: filters.category,
          status: filters.status,
          low: filters.low ? "1" : undefined,
        }}
      />
    </section>
  );
}
