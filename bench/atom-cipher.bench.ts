/**
 * Gateway cipher cost: lib/atom with its once-per-process derived key versus what the
 * gateway's sample kits do (pbkdf2Sync on every encrypt/decrypt).
 * Run: npx tsx bench/atom-cipher.bench.ts   (prints a Markdown table for BENCHMARKS.md)
 * --smoke (CI): a few calls of each, to check the benchmark runs; its figures mean nothing.
 */
import { cpus } from "node:os";
import {
  buildAuthRequest,
  decryptJson,
  deriveCipherKey,
  encryptJson,
  verifyGatewayResult,
  verifyCallbackPayload,
} from "@/lib/atom";
import { buildPaymentResult, encryptForMerchant } from "@/lib/atom/gateway-side";
import { samplePayment, testAtomConfig } from "@/lib/atom/testing/samples";
import { kitDecrypt, kitEncrypt } from "./kit-cipher";
import { percentile } from "./percentile";

const config = testAtomConfig();
interface Result {
  name: string;
  ops: number;
  opsPerSecond: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
}

async function measure(name: string, run: () => unknown, options: { minMs: number; minOps: number }): Promise<Result> {
  for (let i = 0; i < Math.min(50, options.minOps); i += 1) await run(); // warm up
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < options.minOps || performance.now() - started < options.minMs) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  const total = performance.now() - started;
  return {
    name,
    ops: samples.length,
    opsPerSecond: (samples.length / total) * 1000,
    meanMs: total / samples.length,
    p50Ms: percentile(samples, 0.5),
    p99Ms: percentile(samples, 0.99),
  };
}

const requestKey = config.requestEncryption.key.reveal();
const responseKey = config.responseEncryption.key.reveal();

const authPayload = buildAuthRequest(config, {
  merchTxnId: "BENCH-0001",
  merchTxnDate: new Date(Date.now() - 1_000),
  amountPaise: 33_667,
  custEmail: "shopper@example.com",
  custMobile: "9876543210",
  udf: { udf1: "order 42", udf2: "bench" },
});
const authJson = JSON.stringify(authPayload);
const callbackEncData = await encryptForMerchant(config, buildPaymentResult(config, samplePayment()));

const coldStart = performance.now();
const [requestCipherKey, responseCipherKey] = await Promise.all([
  deriveCipherKey(config.requestEncryption.key, config.requestEncryption.salt),
  deriveCipherKey(config.responseEncryption.key, config.responseEncryption.salt),
]);
const coldMs = performance.now() - coldStart;

const smoke = process.argv.includes("--smoke");
const fast = smoke ? { minMs: 50, minOps: 50 } : { minMs: 2_000, minOps: 1_000 };
const slow = smoke ? { minMs: 50, minOps: 3 } : { minMs: 2_000, minOps: 40 };
const check = { merchId: config.merchId, responseHashKey: config.responseHashKey };

const results = [
  await measure("encrypt AUTH request (cached key)", () => encryptJson(requestCipherKey, authPayload), fast),
  await measure("decrypt callback (cached key)", () => decryptJson(responseCipherKey, callbackEncData), fast),
  await measure(
    "verify callback: decrypt + parse + HMAC (cached key)",
    () => verifyCallbackPayload(decryptJson(responseCipherKey, callbackEncData), check),
    fast,
  ),
  await measure("verifyGatewayResult (async, cached key)", () => verifyGatewayResult(config, callbackEncData), fast),
  await measure("kit: pbkdf2Sync + encrypt, per call", () => kitEncrypt(authJson, requestKey), slow),
  await measure("kit: pbkdf2Sync + decrypt, per call", () => kitDecrypt(callbackEncData, responseKey), slow),
  await measure(
    "kit: pbkdf2Sync + decrypt + verify, per call",
    () => verifyCallbackPayload(JSON.parse(kitDecrypt(callbackEncData, responseKey)), check),
    slow,
  ),
];

const cpu = cpus()[0]?.model ?? "unknown CPU";
console.log(`Node ${process.version}, ${cpus().length} cores (${cpu}), ${process.platform}/${process.arch}`);
console.log(`AUTH plaintext ${authJson.length} bytes; callback encData ${callbackEncData.length} hex chars`);
console.log(`First use: both keys derived (async, in parallel) in ${coldMs.toFixed(1)} ms\n`);
console.log("| Operation | ops/s | mean | p50 | p99 | samples |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const r of results) {
  const ms = (value: number) => (value < 1 ? `${(value * 1000).toFixed(1)} µs` : `${value.toFixed(2)} ms`);
  console.log(
    `| ${r.name} | ${Math.round(r.opsPerSecond).toLocaleString("en-US")} | ${ms(r.meanMs)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${r.ops} |`,
  );
}
const cachedVerify = results[2];
const kitVerify = results[6];
if (cachedVerify && kitVerify) {
  console.log(
    `\nVerify speed-up with the cached key: ${Math.round(cachedVerify.opsPerSecond / kitVerify.opsPerSecond)}×`,
  );
}
