import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createAtomClient, type AtomClient, type AtomClientOptions } from "@/lib/atom";
import {
  buildRefundAnswer,
  buildRefundStatusAnswer,
  decryptFromMerchant,
  encryptedFormBody,
  readMerchantForm,
  type RefundAnswerLine,
} from "@/lib/atom/gateway-side";
import { testAtomConfig } from "@/lib/atom/testing/samples";

/**
 * How the stand-in gateway treats the next REFUND request:
 * - accept: refunds and answers with a refundTxnId;
 * - decline: refuses with a status code (nothing refunded);
 * - hang: never answers (nothing refunded);
 * - refund-then-hang: refunds, then never answers (the answer is lost on the way back).
 */
export type RefundGatewayMode = "accept" | "decline" | "hang" | "refund-then-hang";

export interface RefundRequestSeen {
  merchTxnId: string;
  atomTxnId: number;
  prodRefundId: string;
  totalRefundAmount: number;
}

export interface RefundGatewayStub {
  /** A real lib/atom client pointed at this server (short timeout, one attempt unless told). */
  client: AtomClient;
  mode: RefundGatewayMode;
  /** Every REFUND request, decrypted, in arrival order. */
  requests: RefundRequestSeen[];
  /** Where it listens: `${url}/refund`, `${url}/refund-status`. */
  url: string;
  /** Refunds the gateway holds, by prodRefundId (what REFUNDSTATUS lists). */
  refunded: Map<string, { refundTxnId: string; amountPaise: number; atomTxnId: number }>;
  close(): Promise<void>;
}

let refundTxnSequence = 3_000_000_000 + Math.floor(Math.random() * 100_000) * 1000;

const gateway = testAtomConfig();
const ACCEPTED = { statusCode: "OTS0000", message: "SUCCESS", description: "REFUND INITIATED" };
const DECLINED = { statusCode: "OTS0612", message: "FAILED", description: "REFUND AMOUNT EXCEEDS TRANSACTION AMOUNT" };
const answerLine = (
  line: { prodRefundId: string },
  amountPaise: number,
  statusCode: string,
  refundTxnId: string,
): RefundAnswerLine => ({
  prodName: "NSE",
  refundTxnId,
  prodRefundId: line.prodRefundId,
  prodStatusCode: statusCode,
  prodDescription: statusCode === "OTS0000" ? "FULL REFUND INITIATED" : "REFUND FAILED",
  amountPaise,
});

/**
 * A local HTTP server that speaks the gateway's REFUND and REFUNDSTATUS wire format
 * (encrypted form bodies, signed with the UAT keys), so tests exercise the real client,
 * cipher and parsing — no fetch mocks.
 */
export async function startRefundGateway(
  mode: RefundGatewayMode = "accept",
  clientOptions: AtomClientOptions = { timeoutMs: 400, maxAttempts: 1 },
): Promise<RefundGatewayStub> {
  const hanging = new Set<ServerResponse>();
  const stub = { mode, requests: [] as RefundRequestSeen[], refunded: new Map() } as Omit<
    RefundGatewayStub,
    "client" | "close"
  >;

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      response.statusCode = 500;
      response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const payload = await decryptFromMerchant(
      gateway,
      readMerchantForm(Buffer.concat(chunks).toString("utf8"))?.encData ?? "",
    );
    const body = (payload as { payInstrument: Record<string, Record<string, unknown>> }).payInstrument;
    response.setHeader("content-type", "application/json");

    if (request.url === "/refund-status") {
      const atomTxnId = Number(body.payDetails?.atomTxnId);
      const listed = [...stub.refunded.entries()]
        .filter(([, refund]) => refund.atomTxnId === atomTxnId)
        .map(([prodRefundId, refund]) => ({
          refundTxnId: refund.refundTxnId,
          prodRefundId,
          amountPaise: refund.amountPaise,
          remarks: "Refund processed",
          initiatedAt: "2025-01-16 11:00:00",
        }));
      response.end(await encryptedFormBody(gateway, buildRefundStatusAnswer([{ prodName: "NSE", refunds: listed }])));
      return;
    }

    const payDetails = body.payDetails as {
      atomTxnId: number;
      totalRefundAmount: number;
      prodDetails: Array<{ prodRefundId: string; prodRefundAmount: number }>;
    };
    const line = payDetails.prodDetails[0]!;
    stub.requests.push({
      merchTxnId: String(body.merchDetails?.merchTxnId),
      atomTxnId: payDetails.atomTxnId,
      prodRefundId: line.prodRefundId,
      totalRefundAmount: payDetails.totalRefundAmount,
    });
    const amountPaise = Math.round(line.prodRefundAmount * 100);
    if (stub.mode === "hang") {
      hanging.add(response);
      return;
    }
    if (stub.mode === "decline") {
      const declined = buildRefundAnswer(DECLINED, {
        atomTxnId: String(payDetails.atomTxnId),
        lines: [answerLine(line, amountPaise, DECLINED.statusCode, "2000000100")],
      });
      response.end(await encryptedFormBody(gateway, declined));
      return;
    }
    // A repeated prodRefundId is the same refund: the gateway answers it again, never twice.
    const existing = stub.refunded.get(line.prodRefundId);
    const refundTxnId = existing?.refundTxnId ?? String((refundTxnSequence += 1));
    stub.refunded.set(line.prodRefundId, { refundTxnId, amountPaise, atomTxnId: payDetails.atomTxnId });
    if (stub.mode === "refund-then-hang") {
      hanging.add(response);
      return;
    }
    const accepted = buildRefundAnswer(ACCEPTED, {
      atomTxnId: String(payDetails.atomTxnId),
      lines: [answerLine(line, amountPaise, ACCEPTED.statusCode, refundTxnId)],
    });
    response.end(await encryptedFormBody(gateway, accepted));
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = testAtomConfig({ ATOM_REFUND_URL: `${base}/refund`, ATOM_REFUND_STATUS_URL: `${base}/refund-status` });
  return Object.assign(stub, {
    url: base,
    client: createAtomClient(config, clientOptions),
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
