import nodemailer from "nodemailer";
import type { NotificationChannel } from "@/db/schema";
import type { MailConfig } from "@/lib/env";

export interface OutgoingMail {
  to: readonly string[];
  subject: string;
  text: string;
  /** The HTML version (shopper emails), sent beside the text as multipart/alternative. */
  html?: string;
  /** Stable per notification, so a receiver can drop a copy sent again after a crash. */
  messageId: string;
}

/** Where notifications (admins' and shoppers') go: an SMTP server, or nowhere beyond the outbox page in /admin. */
export interface MailTransport {
  channel: NotificationChannel;
  send(mail: OutgoingMail): Promise<void>;
}

/** SMTP when `SMTP_URL` is set; otherwise the outbox, read in /admin. */
export function mailTransportFor(mail: MailConfig): MailTransport {
  if (mail.smtpUrl === undefined) return { channel: "outbox", send: async () => {} };
  const transport = nodemailer.createTransport(mail.smtpUrl.reveal());
  return {
    channel: "smtp",
    async send(message) {
      await transport.sendMail({
        from: mail.from,
        to: [...message.to],
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
        messageId: message.messageId,
      });
    },
  };
}
