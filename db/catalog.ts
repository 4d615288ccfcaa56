import type { NewCategory, NewProduct } from "./schema";

// The demo catalog: what the seed writes (db/seed.ts). Prices in paise. Every product's picture
// is its own drawing, made for this shop and committed as public/products/<slug>.svg (see
// README, "The catalog"); imageAlt says what the drawing shows. Descriptions are paragraphs
// separated by a blank line. Stock is what a small shop keeps: dozens of tea and spice packs, a
// few of the bigger pieces (the kettle starts at "Only 4 left"); the seed sets it on first insert
// only and never resets a level.
//
// Each product's HSN code (the heading, or the subheading where the tariff splits it: tea 0902,
// saffron 0910 20, cardamom 0908 31, turmeric 0910 30, clay cups 6912, brass and copper ware
// 7418, cotton towels 6302, table linen 6304, incense 3307 41) and its GST rate: 5 % for all of
// them under the slabs since September 2025, as the shop reads the schedules. Rates and codes are
// the shop's to confirm with its tax adviser; the tax invoice prints them as they are here.

type CategoryEntry = Pick<NewCategory, "slug" | "name" | "description">;

/** The catalog's sections, in the order the storefront lists them. */
export const CATEGORIES = [
  {
    slug: "tea",
    name: "Tea",
    description: "Estate teas from Assam and Darjeeling, and our own masala chai.",
  },
  {
    slug: "spices",
    name: "Spices",
    description: "Single-origin spices from the hills and valleys that grow them.",
  },
  {
    slug: "kitchen-serveware",
    name: "Kitchen & Serveware",
    description: "Brass, copper and clay for making chai and keeping water.",
  },
  {
    slug: "home-living",
    name: "Home & Living",
    description: "Handwoven and hand-printed cotton, and incense for the home.",
  },
] as const satisfies readonly CategoryEntry[];

type CategorySlug = (typeof CATEGORIES)[number]["slug"];

type CatalogEntry = Pick<
  NewProduct,
  "slug" | "name" | "summary" | "description" | "price" | "imageAlt" | "stock" | "hsnCode" | "gstRateBasisPoints"
> & {
  category: CategorySlug;
  /** Its place under "Featured" (1 first). */
  featuredRank: number;
};

export const CATALOG: readonly CatalogEntry[] = [
  {
    slug: "assam-breakfast-tea",
    name: "Assam Breakfast Tea",
    category: "tea",
    hsnCode: "0902",
    gstRateBasisPoints: 500,
    featuredRank: 9,
    summary: "Malty second-flush CTC from the Brahmaputra valley. 250 g.",
    description: [
      "A second-flush CTC tea from estates on the flood plains of the Brahmaputra in upper Assam, picked in May and June when the leaf is at its maltiest. The small, rolled granules brew fast into a dark, brisk cup that stands up to milk and sugar: the chai patti most Indian kitchens reach for every morning.",
      "Use one heaped teaspoon per cup and steep in freshly boiled water for three to four minutes, or simmer with milk on the stove. 250 g makes about 120 cups. Keep it in an airtight tin, away from spices, damp and sunlight, and drink it within a year of opening.",
    ].join("\n\n"),
    price: 34900,
    stock: 60,
    imageAlt:
      "A maroon tea tin with gold bands and a leaf emblem, beside a heap of dark, granular CTC tea and a sprig of fresh tea leaves.",
  },
  {
    slug: "darjeeling-first-flush",
    name: "Darjeeling First Flush",
    category: "tea",
    hsnCode: "0902",
    gstRateBasisPoints: 500,
    featuredRank: 5,
    summary: "Bright, floral spring leaf from a Kurseong garden. 100 g.",
    description: [
      "First flush is the year's first picking in the Darjeeling hills, made in March and April when the bushes wake after winter. This one comes from a garden near Kurseong: long, green and silver-tipped whole leaf that brews a pale golden cup with a flowery aroma and a light, brisk finish.",
      "Drink it without milk. Use a rounded teaspoon (about 2 g) for 200 ml of water just off the boil, around 90 °C, and steep for three minutes; the leaves give a good second cup. 100 g makes about 50 cups. First flush is at its best young: keep it airtight and cool, and drink it within the year.",
    ].join("\n\n"),
    price: 79500,
    stock: 24,
    imageAlt:
      "A kraft-paper pouch with a mountain emblem and a window of green whole-leaf tea, beside a glass of pale golden tea, with loose leaves in front.",
  },
  {
    slug: "masala-chai-blend",
    name: "Masala Chai Blend",
    category: "tea",
    hsnCode: "0902",
    gstRateBasisPoints: 500,
    featuredRank: 1,
    summary: "Assam leaf with cardamom, ginger, cinnamon and clove. 200 g.",
    description: [
      "Strong Assam CTC black tea blended with crushed green cardamom, dried ginger, cinnamon bark, clove and a little black pepper: the spices a chaiwala pounds fresh at the stall, mixed in one measured balance so every pot tastes the same.",
      "For two cups, simmer a cup of water with two teaspoons of the blend for two minutes, add a cup of milk and sugar to taste, bring it back to the boil and strain. 200 g makes about 80 cups. Ground spices lose their aroma once the pack is open, so keep it tightly closed in a cool, dark place.",
    ].join("\n\n"),
    price: 29900,
    stock: 80,
    imageAlt:
      "A glass jar of dark tea flecked with spices, with cinnamon sticks, cloves, green cardamom pods and a knob of ginger in front of it.",
  },
  {
    slug: "kashmiri-saffron",
    name: "Kashmiri Saffron",
    category: "spices",
    hsnCode: "091020",
    gstRateBasisPoints: 500,
    featuredRank: 2,
    summary: "Grade-one mongra threads from Pampore. 1 g.",
    description: [
      "Kesar from the karewa plateaus around Pampore in Kashmir, where the purple crocus flowers are picked by hand at dawn for a few weeks each autumn. Mongra is the deep red tip of the stigma alone, without the paler yellow style, so every thread gives colour and the honeyed aroma Kashmiri saffron is known for.",
      "Soak eight to ten threads in two tablespoons of warm milk or water for fifteen minutes, then add them with the liquid to biryani, kheer, phirni or a pot of kahwa. 1 g, in a small glass vial, is enough for a dozen or more dishes. Keep the vial closed, dry and out of the light.",
    ].join("\n\n"),
    price: 49900,
    stock: 30,
    imageAlt:
      "A purple crocus flower beside a small glass vial of deep red saffron threads, with a few threads scattered.",
  },
  {
    slug: "green-cardamom",
    name: "Green Cardamom",
    category: "spices",
    hsnCode: "090831",
    gstRateBasisPoints: 500,
    featuredRank: 6,
    summary: "Bold 8 mm pods from the Idukki hills. 100 g.",
    description: [
      "Elaichi from the Cardamom Hills of Idukki in Kerala, grown in the shade of the forest and dried slowly so the pods stay green. These are bold 8 mm pods, graded by size, full of sticky black seeds with a sweet, cool, eucalyptus-bright aroma.",
      "Crush a pod or two into chai or coffee, add whole pods to pulao, biryani and curries, or grind the seeds for kheer and mithai. Grind only what you need: the aroma fades once the seeds are out of the pod. 100 g in a resealable pouch; keep it in an airtight jar away from light.",
    ].join("\n\n"),
    price: 42050,
    stock: 50,
    imageAlt:
      "A wooden bowl heaped with green cardamom pods, with loose pods and a split pod showing its black seeds in front.",
  },
  {
    slug: "lakadong-turmeric",
    name: "Lakadong Turmeric",
    category: "spices",
    hsnCode: "091030",
    gstRateBasisPoints: 500,
    featuredRank: 10,
    summary: "High-curcumin turmeric from Meghalaya, stone ground. 200 g.",
    description: [
      "Lakadong is a turmeric grown by smallholder farmers in the Jaintia Hills of Meghalaya, known for its deep orange colour and its high curcumin content. The rhizomes are boiled, dried in the sun and ground on a stone mill in small batches.",
      "Use it as you would any haldi, in dal, sabzi and marinades or half a teaspoon in warm milk with a pinch of black pepper, but start with a little less: it colours strongly. It stains cloth, counters and wooden spoons, so wipe spills at once. 200 g in a resealable pouch; keep it dry and away from light.",
    ].join("\n\n"),
    price: 18999,
    stock: 40,
    imageAlt:
      "A brass bowl of bright orange-yellow turmeric powder beside fresh turmeric roots, one cut open to show its orange inside.",
  },
  {
    slug: "kulhad-cups-set",
    name: "Kulhad Cups, set of 6",
    category: "kitchen-serveware",
    hsnCode: "6912",
    gstRateBasisPoints: 500,
    featuredRank: 7,
    summary: "Hand-thrown terracotta cups for chai. 150 ml each.",
    description: [
      "Kulhads are the unglazed clay cups chai is poured into at railway stations and roadside stalls across north India. Ours are thrown on the wheel by potters in Uttar Pradesh from local river clay and fired in a kiln, so every cup differs a little in shape and colour, and the first sips carry the earthy smell of the clay.",
      "A set of six cups, 150 ml each and about 8 cm tall. Rinse in warm water before first use. Wash by hand in hot water without soap, which the porous clay would soak up, and dry upside down. Not for the microwave, the oven or the dishwasher.",
    ].join("\n\n"),
    price: 45000,
    stock: 18,
    imageAlt: "Six terracotta kulhad cups in two rows, the middle one at the back filled with steaming chai.",
  },
  {
    slug: "brass-chai-kettle",
    name: "Brass Chai Kettle",
    category: "kitchen-serveware",
    hsnCode: "7418",
    gstRateBasisPoints: 500,
    featuredRank: 3,
    summary: "Tin-lined brass kettle with a wooden handle. 1 litre.",
    description: [
      "Shaped and finished by hand by metalworkers in Moradabad, the brass city of Uttar Pradesh, and lined inside with tin (kalai) so that water, milk and chai never touch the bare brass. The sheesham wood handle stays cool to hold, and the long spout pours cleanly without dripping.",
      "Holds 1 litre, enough for four to five cups. For gas stoves; not for induction. Wash by hand with a mild soap and dry it straight away. When the outside dulls, polish it with lemon and salt, tamarind or a brass polish; re-tinning every few years by a kalaiwala keeps the lining sound.",
    ].join("\n\n"),
    price: 249900,
    stock: 4,
    imageAlt: "A polished brass kettle with a long curved spout, a domed lid and a dark wooden handle.",
  },
  {
    slug: "copper-water-bottle",
    name: "Copper Water Bottle",
    category: "kitchen-serveware",
    hsnCode: "7418",
    gstRateBasisPoints: 500,
    featuredRank: 11,
    summary: "Seamless hammered copper bottle. 900 ml.",
    description: [
      "Keeping drinking water in copper overnight is an old habit in Indian homes. This bottle is made from copper sheet with no seam down its side and no lacquer inside, hand-hammered to a dimpled finish, with a screw cap that closes tight.",
      "Holds 900 ml and stands about 27 cm tall. For plain drinking water only: not for hot drinks, milk, juice or anything sour, and not for the fridge or the dishwasher. Rinse it with warm water after use, and every week or two clean the inside with lemon juice and salt to lift the natural darkening.",
    ].join("\n\n"),
    price: 119900,
    stock: 15,
    imageAlt: "A tall hammered copper bottle with a screw cap, beside a glass of water.",
  },
  {
    slug: "handloom-cotton-towel",
    name: "Handloom Cotton Towel",
    category: "home-living",
    hsnCode: "6302",
    gstRateBasisPoints: 500,
    featuredRank: 8,
    summary: "Light, quick-drying thorthu from Kerala looms. 75 × 150 cm.",
    description: [
      "The thorthu is Kerala's everyday bath towel: thin, plain-woven cotton that dries in an hour and grows softer with every wash. Ours is woven on handlooms in Balaramapuram, near Thiruvananthapuram, in natural off-white with red and green stripes at each end and a knotted fringe.",
      "75 × 150 cm, all cotton. Wash it before first use, which rinses out the loom starch and lets the weave open up. Machine wash cold with similar colours, dry in the shade and skip the bleach. Light enough to pack for travel, the gym or the beach.",
    ].join("\n\n"),
    price: 64900,
    stock: 35,
    imageAlt:
      "Three folded off-white cotton towels, stacked, each with red and green stripes near one end and a fringe.",
  },
  {
    slug: "block-print-table-runner",
    name: "Block-print Table Runner",
    category: "home-living",
    hsnCode: "6304",
    gstRateBasisPoints: 500,
    featuredRank: 4,
    summary: "Indigo dabu print from Bagru, hand-stamped. 180 cm.",
    description: [
      "Dabu is the mud-resist printing of Bagru, a village of printers near Jaipur. Carved wooden blocks stamp a paste of clay, lime and gum onto the cotton before it is dipped in indigo: where the mud sat, the flowers stay pale, and fine veins of blue run through them where the paste cracked, so no two runners are quite alike.",
      "180 × 35 cm, cotton. Natural indigo gives up some colour in its first washes: wash it by hand in cold water with a mild detergent, on its own, and dry it in the shade. Iron on the reverse.",
    ].join("\n\n"),
    price: 89900,
    stock: 9,
    imageAlt:
      "An indigo table runner printed with pale flowers, laid diagonally with its fringed end showing, and a wooden printing block beside it.",
  },
  {
    slug: "sandalwood-incense",
    name: "Sandalwood Incense",
    category: "home-living",
    hsnCode: "330741",
    gstRateBasisPoints: 500,
    featuredRank: 12,
    summary: "Hand-rolled Mysore sandalwood agarbatti. 40 sticks.",
    description: [
      "Agarbatti rolled by hand in Mysore from a paste of sandalwood powder, charcoal and natural resins on thin bamboo sticks. The fragrance is warm, soft and woody rather than sweet, and lingers in the room after the stick has burned down.",
      "40 sticks, each about 23 cm long and burning for around 45 minutes. Light the tip, let it flame for a few seconds and blow it out. Stand it in a holder on a heat-proof surface, away from curtains, children and pets, and never leave it burning unattended.",
    ].join("\n\n"),
    price: 9900,
    stock: 150,
    imageAlt: "Three lit incense sticks in a brass holder, their smoke curling upwards, beside a piece of sandalwood.",
  },
];
