import Image from "next/image";
import Link from "next/link";
import { AddToCartForm } from "@/components/cart/add-to-cart-form";
import { StockStatus } from "@/components/catalog/stock-status";
import type { CatalogProduct } from "@/lib/catalog/products";
import { formatRupees } from "@/lib/money";

export function ProductCard({ product, stock }: { product: CatalogProduct; stock: number }) {
  const nameId = `product-${product.slug}-name`;
  const stockId = `product-${product.slug}-stock`;
  return (
    <article
      className="flex w-full flex-col overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm"
      data-testid="product-card"
    >
      <Link href={`/products/${product.slug}`} tabIndex={-1} aria-hidden>
        <Image
          src={product.image}
          alt=""
          width={400}
          height={400}
          className="aspect-square w-full object-cover"
          unoptimized
        />
      </Link>
      <div className="flex flex-1 flex-col gap-2 p-4">
        <h2 id={nameId} className="font-display text-lg font-semibold">
          <Link href={`/products/${product.slug}`} className="hover:text-brand-700 hover:underline">
            {product.name}
          </Link>
        </h2>
        <p className="flex-1 text-sm text-stone-600">{product.description}</p>
        <p className="text-lg font-semibold text-brand-700" data-testid="product-price">
          {formatRupees(product.price)}
        </p>
        <StockStatus stock={stock} id={stockId} />
        <AddToCartForm productSlug={product.slug} stock={stock} describedBy={`${nameId} ${stockId}`} />
      </div>
    </article>
  );
}
