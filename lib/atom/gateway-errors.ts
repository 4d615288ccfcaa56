import {
  AtomConfigurationError,
  AtomGatewayError,
  AtomSignatureError,
  AtomSystemError,
  AtomTransactionNotFoundError,
  AtomValidationError,
  type AtomApi,
  type AtomError,
} from "./errors";

export interface GatewayStatus {
  statusCode: string;
  message?: string;
  description?: string;
}

function gatewaySaid(status: GatewayStatus): string {
  const text = [status.message, status.description].filter((part) => part !== undefined && part !== "").join(" / ");
  return text === "" ? status.statusCode : `${status.statusCode} ${text}`;
}

/**
 * A gateway status code that refuses our request → the error class that tells the
 * shop what to do. (Payment results are not errors: see paymentOutcomeFor.)
 */
export function errorForGatewayStatus(status: GatewayStatus, api: AtomApi, httpStatus?: number): AtomError {
  const details = { gatewayCode: status.statusCode, api, httpStatus };
  const said = gatewaySaid(status);
  switch (status.statusCode) {
    case "OTS0451":
      return new AtomConfigurationError(
        `${api}: the gateway rejected the merchant details (${said}): check ATOM_MERCH_ID, ATOM_PASSWORD, ATOM_PRODUCT_ID and that the URLs belong to the same environment (UAT or production) as the credentials`,
        details,
      );
    case "OTS0506":
      return new AtomSignatureError(
        `${api}: the gateway says our signature does not match (${said}): check ATOM_REQ_HASH_KEY and the amount text in the signed string`,
        details,
      );
    case "OTS0600":
      return new AtomValidationError(
        `${api}: the gateway rejected the request (${said}): check the request fields against the protocol limits`,
        [],
        details,
      );
    case "OTS0401":
      return new AtomTransactionNotFoundError(
        `${api}: the gateway has no record of this transaction (${said})`,
        details,
      );
    default:
      return new AtomGatewayError(
        `${api}: the gateway answered ${said}: report it to the gateway's support with the merchTxnId`,
        details,
      );
  }
}

/** An HTTP error status (with whatever the body said) → error class. */
export function errorForHttpStatus(httpStatus: number, api: AtomApi, status?: GatewayStatus): AtomError {
  const said = status === undefined ? `HTTP ${httpStatus}` : `HTTP ${httpStatus}, ${gatewaySaid(status)}`;
  const details = { gatewayCode: status?.statusCode, api, httpStatus };
  if (httpStatus >= 500 || httpStatus === 408 || httpStatus === 429) {
    return new AtomSystemError(`${api}: the gateway is unavailable (${said}); retry later`, "unavailable", details);
  }
  switch (httpStatus) {
    case 400:
      return new AtomValidationError(
        `${api}: the gateway says validation failed (${said}): check the request fields against the protocol limits`,
        [],
        details,
      );
    case 401:
    case 403:
      return new AtomConfigurationError(
        `${api}: the gateway refused us (${said}): check ATOM_MERCH_ID, ATOM_PASSWORD, the request key and salt, and that the URLs match the credentials' environment`,
        details,
      );
    case 404:
    case 405:
      return new AtomConfigurationError(
        `${api}: the gateway URL is wrong (${said}): check the ATOM_*_URL settings`,
        details,
      );
    default:
      return new AtomGatewayError(`${api}: unexpected answer (${said}): report it to the gateway's support`, details);
  }
}
