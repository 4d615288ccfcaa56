// The refunds domain: the rules, the REFUND / REFUNDSTATUS flows, and the shopper's read.
export { RefundRuleError, type RefundRuleCode } from "./errors";
export { refundFormSchema, type RefundRequest } from "./refund-input";
export { requestRefund, type RefundGateway, type RefundOutcome } from "./request-refund";
export { checkRefundStatus, type RefundStatusCheck, type RefundStatusGateway } from "./check-refund-status";
export { listRefundsForOrder, type ShopperRefund } from "./shopper-refunds";
