import type { Metadata } from "next";
import Image from "next/image";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddToCartForm } from "@/components/cart/add-to-cart-form";
import { StockStatus } from "@/components/catalog/stock-status";
import { getDatabase } from "@/db";
import { ProductCard } from "@/components/catalog/product-card";
import { getCatalogProduct, getRelatedProducts } from "@/lib/catalog/cached-catalog";
import { catalogHref } from "@/lib/catalog/catalog-query";
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
    description: product.summary,
    alternates: { canonical: `/products/${product.slug}` },
    openGraph: {
      title: product.name,
      description: product.summary,
      images: [{ url: product.image, alt: product.imageAlt }],
      type: "website",
    },
  };
}

export default async function ProductPage({ params }: ProductPageProps) {
  const product = await productFor(params);
  if (!product) notFound();
  const [related, stock] = await Promise.all([
    getRelatedProducts(product),
    getDatabase().then(async (db) => (await readStockLevels(db)).get(product.slug) ?? 0),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <ol className="flex flex-wrap gap-2">
          <li>
            <Link href="/" className="hover:underline">
              All products
            </Link>
          </li>
          {product.category ? (
            <li className="flex gap-2">
              <span aria-hidden>›</span>
              <Link href={catalogHref({ category: product.category.slug })} className="hover:underline">
                {product.category.name}
              </Link>
            </li>
          ) : null}
        </ol>
      </nav>
      <article className="grid gap-8 md:grid-cols-2" aria-labelledby="product-name">
        <Image
          src={product.image}
          alt={product.imageAlt}
          width={600}
          height={600}
          preload
          unoptimized
          className="aspect-square w-full rounded-2xl border border-stone-200 bg-white object-cover"
        />
        <div className="flex flex-col gap-4">
          <h1 id="product-name" className="font-display text-3xl font-bold text-brand-900">
            {product.name}
          </h1>
          <p className="text-2xl font-semibold text-brand-700" data-testid="product-price">
            {formatRupees(product.price)}
          </p>
          <StockStatus stock={stock} id="product-stock" />
          <p className="text-lg text-stone-800">{product.summary}</p>
          <p className="text-sm text-stone-600">Price includes GST. Free shipping across India.</p>
          <AddToCartForm
            productSlug={product.slug}
            stock={stock}
            describedBy="product-name product-stock"
            withQuantity
          />
          <section aria-labelledby="product-details-heading" className="border-t border-stone-200 pt-4">
            <h2 id="product-details-heading" className="font-display text-xl font-semibold text-brand-900">
              About this product
            </h2>
            <div className="mt-2 flex flex-col gap-3 text-stone-700" data-testid="product-description">
              {product.description.split(/\n\s*\n/).map((paragraph) => (
                <p key={paragraph}>{paragraph}</p>
              ))}
            </div>
          </section>
        </div>
      </article>
      {related.length > 0 ? (
        <section aria-labelledby="related-heading" className="mt-6">
          <h2 id="related-heading" className="font-display text-2xl font-bold text-brand-900">
            You may also like
          </h2>
          <ul className="mt-4 grid grid-cols-2 gap-3 sm:gap-6 lg:grid-cols-4" data-testid="related-products">
            {related.map((other) => (
              <li key={other.id} className="flex">
                <ProductCard product={other} headingLevel={3} compact />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
