import { AtomSystemError, type AtomError } from "@/lib/atom";

const CART_SAVED = "No payment was started and your cart is saved";

/**
 * What the shopper is told when the gateway could not start a payment, by what went wrong:
 * a gateway that said it is down (HTTP 5xx) is not one that was slow to answer, and
 * neither is the shopper's fault.
 */
export function describeGatewayTrouble(error: AtomError): string {
  if (error.kind === "validation") {
    return "The payment service could not accept these details. Please check your email and mobile number and try again.";
  }
  if (!(error instanceof AtomSystemError))
    return `Payments are unavailable right now. ${CART_SAVED} — please try again later.`;
  switch (error.reason) {
    case "unavailable":
      return `The payment service is down at the moment. ${CART_SAVED} — please try again in a few minutes.`;
    case "unreachable":
      return `We could not reach the payment service. ${CART_SAVED} — please try again in a few minutes.`;
    case "timeout":
      return `The payment service did not answer in time. ${CART_SAVED} — please try again in a moment.`;
    case "network":
      return `The connection to the payment service broke off. ${CART_SAVED} — please try again in a moment.`;
  }
}
