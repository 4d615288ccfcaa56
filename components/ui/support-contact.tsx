import { getEnv } from "@/lib/env";
import { phoneLink } from "@/lib/support/phone-link";

/**
 * How to reach the shop's team, from configuration (SHOP_SUPPORT_*): the footer and every
 * page that asks the shopper to contact us.
 */
export function SupportContact({ lead = "Need help?", className }: { lead?: string; className?: string }) {
  const { email, phone, hours } = getEnv().support;
  return (
    <p className={className} data-testid="support-contact">
      {lead} Email{" "}
      <a href={`mailto:${email}`} className="font-medium underline">
        {email}
      </a>{" "}
      or call{" "}
      <a href={phoneLink(phone)} className="font-medium whitespace-nowrap underline">
        {phone}
      </a>{" "}
      ({hours}).
    </p>
  );
}
