import type { ReactNode } from "react";
import { StorefrontChrome } from "@/components/ui/storefront-chrome";

export default function StorefrontLayout({ children }: { children: ReactNode }) {
  return <StorefrontChrome>{children}</StorefrontChrome>;
}
