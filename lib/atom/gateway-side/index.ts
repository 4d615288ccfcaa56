// The gateway's half of the protocol: what the real gateway builds and sends. The
// embedded sandbox answers with it, and every test that plays the gateway uses it, so
// both speak exactly the payloads lib/atom reads. The shop itself never imports it.
export * from "./wire";
export * from "./answers";
export * from "./payment-result";
