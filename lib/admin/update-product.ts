import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { products, type Product } from "@/db/schema";
import { assertAdmin } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/domain-error";
import { log } from "@/lib/log";
import { formatRupees } from "@/lib/money";
import { updateProductSchema, type UpdateProductInput } from "./product-input";

/** The fields an admin edits on /admin/products/[id]. */
type EditableFields = Pick<
  Product,
  "name" | "summary" | "description" | "price" | "stock" | "gstRateBasisPoints" | "hsnCode" | "active"
>;

/**
 * A product's version as an admin sees it: a digest of every field the edit page shows but
 * stock (orders move stock all the time; its own compare-and-set guards it). products has no
 * updated_at, so an edit is refused when this differs from the version the page was made from:
 * another admin saved meanwhile, and saving would undo their change unseen.
 */
export function productVersion(product: Omit<EditableFields, "stock">): string {
  const shown = [
    product.name,
    product.summary,
    product.description,
    product.price,
    product.gstRateBasisPoints,
    product.hsnCode,
    product.active,
  ];
  return createHash("sha256").update(JSON.stringify(shown)).digest("hex").slice(0, 32);
}

export class ProductChangeError extends DomainError<
  "product_not_found" | "stock_changed" | "price_changed" | "product_changed"
> {
  override name = "ProductChangeError";
}

/** What an edit changed, for the admin's message and the log. */
export interface ProductEdit {
  name: string;
  slug: string;
  changed: (keyof EditableFields)[];
}

/**
 * Saves an admin's edit of a product, all of it or nothing, on the values the page showed:
 * refused when the price or anything else was saved by someone else meanwhile, or when the
 * admin set a stock level and an order moved the level since (compare-and-set, as on
 * /admin/stock). A stock level left as shown is not written, so the edit never undoes what
 * an order took. Past orders keep their own copy of name, price and GST rate
 * (order_items); the new values apply to carts and new orders. Logged with the admin's id
 * and the fields changed.
 */
export async function updateProduct(
  db: Database,
  actor: SessionUser | null,
  input: UpdateProductInput,
): Promise<ProductEdit> {
  assertAdmin(actor);
  const edit = updateProductSchema.parse(input);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(products).where(eq(products.id, edit.productId)).for("update");
    if (current === undefined) throw new ProductChangeError("product_not_found", "No such product.");
    const settingStock = edit.stock !== edit.expectedStock;
    if (settingStock && current.stock !== edit.expectedStock)
      throw new ProductChangeError(
        "stock_changed",
        `${current.name} changed to ${current.stock} in stock while you were editing (orders took or gave back units). Nothing was saved: check it and save again.`,
        "stock",
      );
    if (current.price !== edit.expectedPrice)
      throw new ProductChangeError(
        "price_changed",
        `The price of ${current.name} was changed to ${formatRupees(current.price)} while you were editing. Nothing was saved: check it and save again.`,
        "price",
      );
    if (productVersion(current) !== edit.version)
      throw new ProductChangeError(
        "product_changed",
        `Someone else saved changes to ${current.name} while you were editing, so nothing was saved. The form now shows theirs: make your change again.`,
      );

    const next: EditableFields = {
      name: edit.name,
      summary: edit.summary,
      description: edit.description,
      price: edit.pricePaise,
      stock: settingStock ? edit.stock : current.stock,
      gstRateBasisPoints: edit.gstRateBasisPoints,
      hsnCode: edit.hsnCode,
      active: edit.active,
    };
    const changed = (Object.keys(next) as (keyof EditableFields)[]).filter((field) => next[field] !== current[field]);
    if (changed.length > 0) {
      await tx
        .update(products)
        .set(Object.fromEntries(changed.map((field) => [field, next[field]])))
        .where(eq(products.id, current.id));
      log.info(
        { productId: current.id, adminId: actor.id, changed: describeChanges(current, next, changed) },
        "Product edited",
      );
    }
    return { name: next.name, slug: current.slug, changed };
  });
}

/** Each changed field with its old and new value; long texts only by name (the log is not an archive). */
function describeChanges(
  before: EditableFields,
  after: EditableFields,
  changed: readonly (keyof EditableFields)[],
): Record<string, unknown> {
  return Object.fromEntries(
    changed.map((field) =>
      field === "description" || field === "summary"
        ? [field, "edited"]
        : [field, { from: before[field], to: after[field] }],
    ),
  );
}
