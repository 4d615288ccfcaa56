import type { NewProduct } from "./schema";

type CatalogEntry = Pick<NewProduct, "slug" | "name" | "description" | "price" | "stock">;

/**
 * The demo catalog. Prices in paise; images are drawn for the shop (scripts/draw-product-art.ts).
 * Stock is what a small shop keeps: dozens of tea and spice packs, a few of the bigger pieces
 * (the kettle starts at "Only 4 left"). Set on first insert only: the seed never resets a level.
 */
export const CATALOG: readonly CatalogEntry[] = [
  {
    slug: "assam-breakfast-tea",
    name: "Assam Breakfast Tea",
    description: "Malty second-flush CTC from the Brahmaputra valley. 250 g.",
    price: 34900,
    stock: 60,
  },
  {
    slug: "darjeeling-first-flush",
    name: "Darjeeling First Flush",
    description: "Bright, floral spring leaf from a Kurseong garden. 100 g.",
    price: 79500,
    stock: 24,
  },
  {
    slug: "masala-chai-blend",
    name: "Masala Chai Blend",
    description: "Assam leaf with cardamom, ginger, cinnamon and clove. 200 g.",
    price: 29900,
    stock: 80,
  },
  {
    slug: "kashmiri-saffron",
    name: "Kashmiri Saffron",
    description: "Grade-one mongra threads from Pampore. 1 g.",
    price: 49900,
    stock: 30,
  },
  {
    slug: "green-cardamom",
    name: "Green Cardamom",
    description: "Bold 8 mm pods from the Idukki hills. 100 g.",
    price: 42050,
    stock: 50,
  },
  {
    slug: "lakadong-turmeric",
    name: "Lakadong Turmeric",
    description: "High-curcumin turmeric from Meghalaya, stone ground. 200 g.",
    price: 18999,
    stock: 40,
  },
  {
    slug: "kulhad-cups-set",
    name: "Kulhad Cups, set of 6",
    description: "Hand-thrown terracotta cups for chai. 150 ml each.",
    price: 45000,
    stock: 18,
  },
  {
    slug: "brass-chai-kettle",
    name: "Brass Chai Kettle",
    description: "Tin-lined brass kettle with a wooden handle. 1 litre.",
    price: 249900,
    stock: 4,
  },
  {
    slug: "copper-water-bottle",
    name: "Copper Water Bottle",
    description: "Seamless hammered copper bottle. 900 ml.",
    price: 119900,
    stock: 15,
  },
  {
    slug: "handloom-cotton-towel",
    name: "Handloom Cotton Towel",
    description: "Soft gamcha weave from Kerala looms. 75 x 150 cm.",
    price: 64900,
    stock: 35,
  },
  {
    slug: "block-print-table-runner",
    name: "Block-print Table Runner",
    description: "Indigo dabu print from Bagru, hand-stamped. 180 cm.",
    price: 89900,
    stock: 9,
  },
  {
    slug: "sandalwood-incense",
    name: "Sandalwood Incense",
    description: "Hand-rolled Mysore sandalwood agarbatti. 40 sticks.",
    price: 9900,
    stock: 150,
  },
];
