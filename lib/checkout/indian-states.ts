// The official list: India's 28 states and 8 union territories (Ministry of Home Affairs,
// since Ladakh and Jammu and Kashmir became union territories in 2019 and Dadra and Nagar
// Haveli merged with Daman and Diu in 2020). The checkout's <select> offers these names and
// the order stores the one chosen, as written here.

export const INDIAN_STATES = [
  "Andhra Pradesh",
  "Arunachal Pradesh",
  "Assam",
  "Bihar",
  "Chhattisgarh",
  "Goa",
  "Gujarat",
  "Haryana",
  "Himachal Pradesh",
  "Jharkhand",
  "Karnataka",
  "Kerala",
  "Madhya Pradesh",
  "Maharashtra",
  "Manipur",
  "Meghalaya",
  "Mizoram",
  "Nagaland",
  "Odisha",
  "Punjab",
  "Rajasthan",
  "Sikkim",
  "Tamil Nadu",
  "Telangana",
  "Tripura",
  "Uttar Pradesh",
  "Uttarakhand",
  "West Bengal",
] as const;

export const INDIAN_UNION_TERRITORIES = [
  "Andaman and Nicobar Islands",
  "Chandigarh",
  "Dadra and Nagar Haveli and Daman and Diu",
  "Delhi",
  "Jammu and Kashmir",
  "Ladakh",
  "Lakshadweep",
  "Puducherry",
] as const;

export type IndianStateOrTerritory = (typeof INDIAN_STATES)[number] | (typeof INDIAN_UNION_TERRITORIES)[number];

export const INDIAN_STATES_AND_TERRITORIES = [...INDIAN_STATES, ...INDIAN_UNION_TERRITORIES] as const;

/**
 * Each state's and union territory's GST state code: the first two digits of a GSTIN
 * registered there, and the code printed with the place of supply on a tax invoice (the GST
 * Network's list). Codes no longer in use are left out: 25 (Daman and Diu, merged into 26 in
 * 2020) and 28 (Andhra Pradesh before Telangana was formed; it is 37 since). 97 ("Other
 * Territory": the offshore areas) and 99 (Centre jurisdiction) name no place an order is
 * delivered to, so the checkout never stores them.
 */
export const GST_STATE_CODES: Readonly<Record<IndianStateOrTerritory, string>> = {
  "Jammu and Kashmir": "01",
  "Himachal Pradesh": "02",
  Punjab: "03",
  Chandigarh: "04",
  Uttarakhand: "05",
  Haryana: "06",
  Delhi: "07",
  Rajasthan: "08",
  "Uttar Pradesh": "09",
  Bihar: "10",
  Sikkim: "11",
  "Arunachal Pradesh": "12",
  Nagaland: "13",
  Manipur: "14",
  Mizoram: "15",
  Tripura: "16",
  Meghalaya: "17",
  Assam: "18",
  "West Bengal": "19",
  Jharkhand: "20",
  Odisha: "21",
  Chhattisgarh: "22",
  "Madhya Pradesh": "23",
  Gujarat: "24",
  "Dadra and Nagar Haveli and Daman and Diu": "26",
  Maharashtra: "27",
  Karnataka: "29",
  Goa: "30",
  Lakshadweep: "31",
  Kerala: "32",
  "Tamil Nadu": "33",
  Puducherry: "34",
  "Andaman and Nicobar Islands": "35",
  Telangana: "36",
  "Andhra Pradesh": "37",
  Ladakh: "38",
};

/** The GST state code of a state or union territory named as the checkout stores it; undefined for any other text. */
export function gstStateCodeOf(name: string): string | undefined {
  return CODES_BY_NAME.get(name);
}

const CODES_BY_NAME: ReadonlyMap<string, string> = new Map(Object.entries(GST_STATE_CODES));

/**
 * The place of supply of goods delivered to `deliveryState` (a name as the checkout stores it),
 * with its GST code; null for an order without one. A name the list does not know is refused:
 * guessing would print the wrong tax.
 */
export function placeOfSupplyOf(deliveryState: string | null): { name: string; code: string } | null {
  if (deliveryState === null) return null;
  const code = gstStateCodeOf(deliveryState);
  if (code === undefined) throw new RangeError(`no GST state code for "${deliveryState}"`);
  return { name: deliveryState, code };
}
