import type { Metadata } from "next";
import Image from "next/image";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddToCartForm } from "@/components/cart/add-to-cart-form";
import { StockStatus } from "@/components/catalog/stock-status";
import { getDatabase } from "@/db";
import { getCatalogProduct } from "@/lib/catalog/cached-catalog";
import { productSlugSchema, type CatalogProduct } from "@/lib/catalog/products";
import { readStockLevels } from "@/lib/catalog/stock-levels";
import { getEnv } from "@/lib/env";
import { formatRupees } from "@/lib/money";

// Rendered per request from the database (which exists only at run time); the product read is cached.
export const dynamic = "force-dynamic";

interface ProductPageProps {
  params: Promise<{ slug: string }>;
}

async function productFor(params: ProductPageProps["params"]): Promise<CatalogProduct | null> {
  const slug = productSlugSchema.safeParse((await params).slug);
  return slug.success ? getCatalogProduct(slug.data) : null;
}

export async function generateMetadata({ params }: ProductPageProps): Promise<Metadata> {
  const product = await productFor(params);
  if (!product) return { title: "Product not found" };
  return {
    metadataBase: new URL(getEnv().appUrl),
    title: product.name,
    description: product.description,
    alternates: { canonical: `/products/${product.slug}` },
    openGraph: {
      title: product.name,
      description: product.description,
      images: [{ url: product.image }],
      type: "website",
    },
  };
}

export default async function ProductPage({ params }: ProductPageProps) {
  const product = await productFor(params);
  if (!product) notFound();
  const stock = (await readStockLevels(await getDatabase())).get(product.slug) ?? 0;
  return (
    <article className="grid gap-8 md:grid-cols-2" aria-labelledby="product-name">
      <Image
        src={product.image}
        alt={product.name}
        width={600}
        height={600}
        priority
        unoptimized
        className="aspect-square w-full rounded-2xl border border-stone-200 bg-white object-cover"
      />
      <div className="flex flex-col gap-4">
        <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
          <Link href="/" className="hover:underline">
            All products
          </Link>
        </nav>
        <h1 id="product-name" className="font-display text-3xl font-bold text-brand-900">
          {product.name}
        </h1>
        <p className="text-2xl font-semibold text-brand-700" data-testid="product-price">
          {formatRupees(product.price)}
        </p>
        <StockStatus stock={stock} id="product-stock" />
        <p className="text-stone-700">{product.description}</p>
        <p className="text-sm text-stone-600">Price includes GST. Free shipping across India.</p>
        <AddToCartForm productSlug={product.slug} stock={stock} describedBy="product-name product-stock" withQuantity />
      </div>
    </article>
  );
}
