import Image from "next/image";
import Link from "next/link";
import { AddToCartForm } from "@/components/cart/add-to-cart-form";
import { StockStatus } from "@/components/catalog/stock-status";
import type { CatalogProduct } from "@/lib/catalog/products";
import { formatRupees } from "@/lib/money";

type ProductCardProps = {
  product: CatalogProduct;
  /** The level of the product's name: one below the section it is listed in. */
  headingLevel: 2 | 3;
  /** Whether to name the product's category (not in a listing of that one category). */
  showCategory?: boolean;
  /**
   * How soon the picture loads: "preload" (the first row on a phone, likely the page's largest
   * paint: announced in the head and fetched first), "eager" (the rest of the first row on a
   * wide screen), or "lazy" (when scrolled to).
   */
  pictureLoading?: "preload" | "eager" | "lazy";
} & (
  | { /** A smaller card (picture, name, price) without the summary, stock and "Add to cart". */ compact: true }
  | { compact?: false; /** Units left to sell. */ stock: number }
);

/**
 * A product in a listing. The name is the card's one link, stretched over the whole card (so the
 * picture opens the product too, without a second link to the same place); "Add to cart" sits
 * above that stretch.
 */
export function ProductCard(props: ProductCardProps) {
  const { product, headingLevel, pictureLoading = "lazy" } = props;
  const compact = props.compact === true;
  const showCategory = props.showCategory ?? !compact;
  const nameId = `product-${product.slug}-name`;
  const stockId = `product-${product.slug}-stock`;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article
      className="relative flex w-full flex-col overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm transition-shadow hover:shadow-md"
      data-testid="product-card"
    >
      <Image
        src={product.image}
        alt={product.imageAlt}
        width={400}
        height={400}
        {...(pictureLoading === "preload" ? { preload: true } : { loading: pictureLoading })}
        className="aspect-square w-full bg-stone-100 object-cover"
        unoptimized
      />
      <div className={`flex flex-1 flex-col ${compact ? "gap-1 p-3" : "gap-2 p-3 sm:p-4"}`}>
        {product.category && showCategory ? (
          <p className="text-[0.6875rem] font-semibold tracking-wide text-stone-600 uppercase sm:text-xs">
            {product.category.name}
          </p>
        ) : null}
        <Heading
          id={nameId}
          className={`font-display leading-snug font-semibold ${compact ? "text-base" : "text-base sm:text-lg"}`}
        >
          <Link
            href={`/products/${product.slug}`}
            className="after:absolute after:inset-0 after:content-[''] hover:text-brand-700 hover:underline"
          >
            {product.name}
          </Link>
        </Heading>
        {compact ? null : <p className="flex-1 text-xs text-stone-600 sm:text-sm">{product.summary}</p>}
        <p
          className={`font-semibold text-brand-700 ${compact ? "" : "sm:text-lg"}`}
          // On a product page, "product-price" is that product's own price, not a related one's.
          data-testid={compact ? undefined : "product-price"}
        >
          {formatRupees(product.price)}
        </p>
        {props.compact ? null : (
          <>
            <StockStatus stock={props.stock} id={stockId} />
            <div className="relative z-10">
              <AddToCartForm productSlug={product.slug} stock={props.stock} describedBy={`${nameId} ${stockId}`} />
            </div>
          </>
        )}
      </div>
    </article>
  );
}
