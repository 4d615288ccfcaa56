import type { DeliveryAddressLines as Address } from "@/lib/checkout/delivery-address";

/** An order's delivery address as it was given at checkout, one line each. */
export function DeliveryAddressLines({ address, testId }: { address: Address; testId: string }) {
  return (
    <address className="text-sm not-italic" data-testid={testId}>
      <span className="block font-medium">{address.name}</span>
      <span className="block">{address.line1}</span>
      {address.line2 ? <span className="block">{address.line2}</span> : null}
      <span className="block">
        {address.city}, {address.state} {address.pinCode}
      </span>
    </address>
  );
}
