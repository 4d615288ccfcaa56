import { AtomValidationError } from "./errors";

// The gateway keeps India time (UTC+05:30, no daylight saving). Formatting with the
// fixed offset keeps merchTxnDate the same whatever the server's TZ, so the status
// query's date always matches the AUTH request's date for the same attempt.
const IST_OFFSET_MS = (5 * 60 + 30) * 60_000;

export const GATEWAY_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
export const GATEWAY_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function istParts(date: Date, field: string): string[] {
  if (Number.isNaN(date.getTime())) throw new AtomValidationError("Invalid date", [`${field}: not a valid Date`]);
  const ist = new Date(date.getTime() + IST_OFFSET_MS).toISOString(); // 2024-01-05T10:20:30.000Z
  return [ist.slice(0, 10), ist.slice(11, 19)];
}

/** "YYYY-MM-DD hh:mm:ss" in India time, as AUTH's merchTxnDate wants. */
export function formatGatewayDateTime(date: Date, field = "merchTxnDate"): string {
  const [day, time] = istParts(date, field);
  return `${day} ${time}`;
}

/** "YYYY-MM-DD" in India time, as the status request's merchTxnDate wants. */
export function formatGatewayDate(date: Date, field = "merchTxnDate"): string {
  return istParts(date, field)[0] ?? "";
}
