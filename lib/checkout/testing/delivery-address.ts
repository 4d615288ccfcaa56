import type { DeliveryAddress } from "../delivery-address";

/** A valid delivery address for tests that place orders. */
export const TEST_DELIVERY: DeliveryAddress = {
  name: "Asha Rao",
  line1: "12, 4th Cross, Malleswaram",
  line2: null,
  city: "Bengaluru",
  state: "Karnataka",
  pinCode: "560003",
};
