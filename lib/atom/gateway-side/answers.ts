import { paiseToPayloadNumber } from "../amount";

/** The gateway's verdict as payment results and refund answers write it (`responseDetails`). */
export interface ResponseDetails {
  statusCode: string;
  message: string;
  description: string;
}

/**
 * The same verdict as AUTH writes it, and as the plain JSON body of a refusal the
 * gateway does not encrypt: `{ txnStatusCode, txnMessage, txnDescription }`.
 */
export function buildTxnStatus(status: ResponseDetails) {
  return { txnStatusCode: status.statusCode, txnMessage: status.message, txnDescription: status.description };
}

/** AUTH answer (protocol page §6): the token, when one was issued, and the verdict. */
export function buildAuthAnswer(status: ResponseDetails, atomTokenId?: string) {
  return {
    ...(atomTokenId === undefined ? {} : { atomTokenId: Number(atomTokenId) }),
    responseDetails: buildTxnStatus(status),
  };
}

/** One refunded (or refused) line of a REFUND answer. */
export interface RefundAnswerLine {
  prodName: string;
  /** The gateway's id for the refund; absent on a refused line. */
  refundTxnId?: string;
  prodRefundId: string;
  prodStatusCode: string;
  prodDescription: string;
  amountPaise: number;
}

/**
 * REFUND answer (protocol page §6): payDetails with a line per product, when the
 * request got as far as naming its payment, and the verdict.
 */
export function buildRefundAnswer(
  status: ResponseDetails,
  details?: { atomTxnId: string; lines: readonly RefundAnswerLine[] },
) {
  const totalPaise = (details?.lines ?? []).reduce((total, line) => total + line.amountPaise, 0);
  return {
    payInstrument: {
      ...(details === undefined
        ? {}
        : {
            payDetails: {
              atomTxnId: Number(details.atomTxnId),
              prodDetails: details.lines.map((line) => ({
                prodName: line.prodName,
                ...(line.refundTxnId === undefined ? {} : { refundTxnId: Number(line.refundTxnId) }),
                prodRefundId: line.prodRefundId,
                prodStatusCode: line.prodStatusCode,
                prodDescription: line.prodDescription,
                prodRefundAmount: paiseToPayloadNumber(line.amountPaise),
              })),
              totalRefundAmount: paiseToPayloadNumber(totalPaise),
              txnCurrency: "INR",
            },
          }),
      responseDetails: status,
    },
  };
}

/** One refund as REFUNDSTATUS lists it. */
interface RefundStatusLine {
  refundTxnId: string;
  prodRefundId: string;
  amountPaise: number;
  remarks: string;
  /** "YYYY-MM-DD hh:mm:ss" in India time. */
  initiatedAt: string;
}

/** REFUNDSTATUS answer (protocol page §6): the refunds of each product asked about. */
export function buildRefundStatusAnswer(
  products: ReadonlyArray<{ prodName: string; refunds: readonly RefundStatusLine[] }>,
) {
  return {
    refundStatusDetails: products.map((product) => ({
      prodName: product.prodName,
      refundStatus: product.refunds.map((refund) => ({
        refundTxnId: Number(refund.refundTxnId),
        prodRefundId: refund.prodRefundId,
        refundAmt: paiseToPayloadNumber(refund.amountPaise),
        remarks: refund.remarks,
        refundInitiatedDate: refund.initiatedAt,
      })),
    })),
  };
}

/** A REFUNDSTATUS answer about the request rather than a payment (no data, wrong merchant, ...). */
export function buildRefundStatusRefusal(status: ResponseDetails) {
  return { refundStatusDetails: [], responseDetails: status };
}
