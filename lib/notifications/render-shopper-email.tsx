import {
  Body,
  Button,
  Column,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Preview,
  Row,
  Section,
  Text,
} from "@react-email/components";
import { render } from "@react-email/render";
import type { ReactNode } from "react";
import type { SellerConfig } from "@/lib/env";
import { formatGstRate } from "@/lib/gst";
import { formatRupees } from "@/lib/money";
import { formatShopDateTime } from "@/lib/shop-time";
import type { DeliveryAddress } from "./format-delivery-address";
import { orderReference } from "@/lib/order-reference";

// The emails a shopper receives: HTML rendered with React Email (inline styles, for mail
// clients), and beside it, from the same facts, a plain-text version written line by line
// (a converter's text of the HTML runs table cells together). They carry what the shopper
// needs and their order's private link; never a secret of the shop's or anything of a card
// (the shop never holds card data).

const SHOP_NAME = "Lotus Bazaar";

export interface EmailLine {
  name: string;
  quantity: number;
  unitPricePaise: number;
}

/** What each shopper email says; the links are absolute and carry the order's key. */
export type ShopperEmail = { seller: SellerConfig; orderId: string; orderUrl: string } & (
  | {
      kind: "order_confirmed";
      lines: EmailLine[];
      goodsPaise: number;
      gstPaise: number;
      /** The rate of every line when they share one; null when their rates differ. */
      gstRateBasisPoints: number | null;
      surchargePaise: number;
      paidAt: Date;
      delivery: DeliveryAddress | null;
      receiptUrl: string;
    }
  | { kind: "payment_failed"; amountPaise: number }
  | { kind: "order_shipped"; carrier: string | null; trackingNumber: string | null }
  | {
      kind: "order_refunded";
      amountPaise: number;
      /** Everything refunded for the order so far, and what was paid for the goods (what can be refunded); null for an extra payment's refund. */
      refundedTotalPaise: number | null;
      paidPaise: number;
      /** The order is refunded in full (its status is now refunded). */
      full: boolean;
    }
);

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** The order's number as shoppers see it on every page and email. */

export async function renderShopperEmail(email: ShopperEmail): Promise<RenderedEmail> {
  const { subject, preview, content, text } = contentOf(email);
  const html = await render(
    <EmailLayout preview={preview} seller={email.seller}>
      {content}
    </EmailLayout>,
  );
  const { seller } = email;
  const footer = ["", "—", SHOP_NAME, `${seller.legalName}, ${seller.address}`, `GSTIN ${seller.gstin}`];
  return { subject, html, text: `${[...text, ...footer].join("\n")}\n` };
}

interface EmailContent {
  subject: string;
  preview: string;
  content: ReactNode;
  /** The plain-text version, line by line. */
  text: string[];
}

function contentOf(email: ShopperEmail): EmailContent {
  const number = orderReference(email.orderId);
  switch (email.kind) {
    case "order_confirmed": {
      const paid = email.goodsPaise + email.surchargePaise;
      return {
        subject: `Your ${SHOP_NAME} order ${number} is confirmed`,
        preview: `Thank you: we received ${formatRupees(paid)} for order ${number}.`,
        content: (
          <>
            <Heading style={styles.heading}>Thank you: your order is confirmed</Heading>
            <Text style={styles.text}>
              We received your payment for order {number} on {formatShopDateTime(email.paidAt)}. We will write again
              when it ships.
            </Text>
            <Section style={styles.box}>
              <Row>
                <Column style={styles.headCell}>Item</Column>
                <Column style={styles.headCellRight}>Quantity</Column>
                <Column style={styles.headCellRight}>Amount</Column>
              </Row>
              {email.lines.map((line, index) => (
                <Row key={index}>
                  <Column style={styles.cell}>
                    {line.name} ({formatRupees(line.unitPricePaise)} each)
                  </Column>
                  <Column style={styles.cellRight}>× {line.quantity}</Column>
                  <Column style={styles.cellRight}>{formatRupees(line.unitPricePaise * line.quantity)}</Column>
                </Row>
              ))}
              <Hr style={styles.rule} />
              <Amount label="Goods (prices include GST)" paise={email.goodsPaise} />
              <Amount label={gstLabelOf(email.gstRateBasisPoints)} paise={email.gstPaise} />
              {email.surchargePaise > 0 ? (
                <Amount label="Convenience fee (payment gateway)" paise={email.surchargePaise} />
              ) : null}
              <Amount label="Total paid" paise={paid} strong />
            </Section>
            {email.delivery === null ? null : (
              <>
                <Heading as="h2" style={styles.subheading}>
                  Delivering to
                </Heading>
                <Text style={styles.text}>
                  {[email.delivery.name, ...email.delivery.lines].map((line, index) => (
                    <span key={index}>
                      {index > 0 ? <br /> : null}
                      {line}
                    </span>
                  ))}
                </Text>
              </>
            )}
            <Links
              links={[
                { label: "View your order", href: email.orderUrl },
                { label: "Receipt (tax invoice)", href: email.receiptUrl },
              ]}
            />
          </>
        ),
        text: [
          "Thank you: your order is confirmed.",
          "",
          `We received your payment for order ${number} on ${formatShopDateTime(email.paidAt)}. We will write again when it ships.`,
          "",
          ...email.lines.map(
            (line) =>
              `${line.name} × ${line.quantity} at ${formatRupees(line.unitPricePaise)}: ${formatRupees(line.unitPricePaise * line.quantity)}`,
          ),
          "",
          `Goods (prices include GST): ${formatRupees(email.goodsPaise)}`,
          `${gstLabelOf(email.gstRateBasisPoints)}: ${formatRupees(email.gstPaise)}`,
          ...(email.surchargePaise > 0
            ? [`Convenience fee (payment gateway): ${formatRupees(email.surchargePaise)}`]
            : []),
          `Total paid: ${formatRupees(paid)}`,
          ...(email.delivery === null ? [] : ["", "Delivering to:", email.delivery.name, ...email.delivery.lines]),
          "",
          `View your order: ${email.orderUrl}`,
          `Receipt (tax invoice): ${email.receiptUrl}`,
        ],
      };
    }
    case "payment_failed":
      return {
        subject: `Payment for your ${SHOP_NAME} order ${number} did not go through`,
        preview: `Your payment of ${formatRupees(email.amountPaise)} did not go through. You can pay again.`,
        content: (
          <>
            <Heading style={styles.heading}>Your payment did not go through</Heading>
            <Text style={styles.text}>
              The payment of {formatRupees(email.amountPaise)} for order {number} was not completed, so your order is
              not confirmed yet. If your bank took the money anyway, it returns it by itself. You can pay again from
              your order&apos;s page.
            </Text>
            <Links links={[{ label: "Pay again", href: email.orderUrl }]} />
          </>
        ),
        text: [
          "Your payment did not go through.",
          "",
          `The payment of ${formatRupees(email.amountPaise)} for order ${number} was not completed, so your order is not confirmed yet. If your bank took the money anyway, it returns it by itself.`,
          "",
          `Pay again: ${email.orderUrl}`,
        ],
      };
    case "order_shipped":
      return {
        subject: `Your ${SHOP_NAME} order ${number} has shipped`,
        preview: `Order ${number} is on its way${email.trackingNumber ? `: tracking number ${email.trackingNumber}` : ""}.`,
        content: (
          <>
            <Heading style={styles.heading}>Your order is on its way</Heading>
            <Text style={styles.text}>Order {number} has left our shop.</Text>
            {email.carrier || email.trackingNumber ? (
              <Section style={styles.box}>
                {email.carrier ? <Field label="Carrier" value={email.carrier} /> : null}
                {email.trackingNumber ? <Field label="Tracking number" value={email.trackingNumber} /> : null}
              </Section>
            ) : null}
            <Links links={[{ label: "View your order", href: email.orderUrl }]} />
          </>
        ),
        text: [
          "Your order is on its way.",
          "",
          `Order ${number} has left our shop.`,
          ...(email.carrier ? [`Carrier: ${email.carrier}`] : []),
          ...(email.trackingNumber ? [`Tracking number: ${email.trackingNumber}`] : []),
          "",
          `View your order: ${email.orderUrl}`,
        ],
      };
    case "order_refunded": {
      const explanation =
        email.refundedTotalPaise === null
          ? `This refund returns an extra payment made for order ${number}; the order itself is unchanged.`
          : email.full
            ? `Order ${number} is now refunded in full: ${formatRupees(email.refundedTotalPaise)}.`
            : `This is a partial refund for order ${number}: ${formatRupees(email.refundedTotalPaise)} of ${formatRupees(email.paidPaise)} refunded so far.`;
      const bank = "Your bank shows it within a few working days, on the account you paid from.";
      return {
        subject: `Refund of ${formatRupees(email.amountPaise)} for your ${SHOP_NAME} order ${number}`,
        preview: `We refunded ${formatRupees(email.amountPaise)} for order ${number}.`,
        content: (
          <>
            <Heading style={styles.heading}>We have refunded {formatRupees(email.amountPaise)}</Heading>
            <Text style={styles.text}>
              {explanation} {bank}
            </Text>
            <Links links={[{ label: "View your order", href: email.orderUrl }]} />
          </>
        ),
        text: [
          `We have refunded ${formatRupees(email.amountPaise)}.`,
          "",
          `${explanation} ${bank}`,
          "",
          `View your order: ${email.orderUrl}`,
        ],
      };
    }
  }
}

function EmailLayout({ preview, seller, children }: { preview: string; seller: SellerConfig; children: ReactNode }) {
  return (
    <Html lang="en-IN">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>{SHOP_NAME}</Text>
          {children}
          <Hr style={styles.rule} />
          <Text style={styles.footer}>
            {seller.legalName} · {seller.address} · GSTIN {seller.gstin}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

function Amount({ label, paise, strong = false }: { label: string; paise: number; strong?: boolean }) {
  const style = strong ? { ...styles.cell, fontWeight: 700 } : styles.cell;
  return (
    <Row>
      <Column style={style}>{label}</Column>
      <Column style={{ ...style, textAlign: "right" }}>{formatRupees(paise)}</Column>
    </Row>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <Row>
      <Column style={styles.cell}>{label}</Column>
      <Column style={{ ...styles.cellRight, fontFamily: "monospace" }}>{value}</Column>
    </Row>
  );
}

function Links({ links }: { links: Array<{ label: string; href: string }> }) {
  return (
    <Section style={{ margin: "24px 0" }}>
      {links.map((link) => (
        <Button key={link.href} href={link.href} style={styles.button}>
          {link.label}
        </Button>
      ))}
    </Section>
  );
}

const styles = {
  body: { backgroundColor: "#f5f5f4", fontFamily: "Helvetica, Arial, sans-serif", color: "#1c1917" },
  container: { backgroundColor: "#ffffff", maxWidth: "560px", margin: "24px auto", padding: "24px" },
  brand: { fontSize: "20px", fontWeight: 700, color: "#7c2d12", margin: "0 0 16px" },
  heading: { fontSize: "22px", margin: "0 0 12px" },
  subheading: { fontSize: "16px", margin: "16px 0 4px" },
  text: { fontSize: "15px", lineHeight: "22px", margin: "0 0 12px" },
  box: { border: "1px solid #e7e5e4", borderRadius: "8px", padding: "12px 16px" },
  headCell: { fontSize: "13px", color: "#57534e", paddingBottom: "6px" },
  headCellRight: { fontSize: "13px", color: "#57534e", paddingBottom: "6px", textAlign: "right" as const },
  cell: { fontSize: "14px", padding: "3px 0" },
  cellRight: { fontSize: "14px", padding: "3px 0", textAlign: "right" as const },
  rule: { borderColor: "#e7e5e4", margin: "12px 0" },
  button: {
    backgroundColor: "#9a3412",
    color: "#ffffff",
    borderRadius: "6px",
    padding: "10px 16px",
    fontSize: "15px",
    marginRight: "8px",
    marginBottom: "8px",
  },
  footer: { fontSize: "12px", color: "#78716c", lineHeight: "18px" },
};

/** "of which GST at 5%" when every line has that rate; plain "of which GST" when rates differ. */
function gstLabelOf(rateBasisPoints: number | null): string {
  return rateBasisPoints === null ? "of which GST" : `of which GST at ${formatGstRate(rateBasisPoints)}`;
}
