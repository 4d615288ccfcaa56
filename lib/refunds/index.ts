// The refunds domain: the rules, the REFUND / REFUNDSTATUS flows, and the shopper's read.
export { RefundRuleError, type RefundRuleCode } from "./errors";
export { refundFormSchema, type RefundRequest } from "./refund-input";
export { quoteRefund, requestRefund, type RefundOutcome, type RefundQuote } from "./request-refund";
export { type RefundGateway } from "./send-refund";
export {
  checkRefundStatus,
  claimDueRefunds,
  countDueRefunds,
  syncRefund,
  type RefundStatusCheck,
  type RefundSyncContext,
} from "./sync-refund";
export { listRefundsForOrder, type ShopperRefund } from "./shopper-refunds";
