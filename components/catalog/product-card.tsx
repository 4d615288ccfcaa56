import Image from "next/image";
import type { Product } from "@/db/schema";
import { formatRupees } from "@/lib/money";

export function ProductCard({ product }: { product: Product }) {
  return (
    <article className="flex flex-col overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm" data-testid="product-card">
      <Image src={product.image} alt="" width={400} height={400} className="aspect-square w-full object-cover" unoptimized />
      <div className="flex flex-1 flex-col gap-2 p-4">
        <h2 className="font-display text-lg font-semibold">{product.name}</h2>
        <p className="flex-1 text-sm text-stone-600">{product.description}</p>
        <p className="text-lg font-semibold text-brand-700" data-testid="product-price">
          {formatRupees(product.price)}
        </p>
      </div>
    </article>
  );
}
