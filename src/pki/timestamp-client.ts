/**
 * Ask time-stamping authorities (RFC 3161 over HTTP) to stamp some bytes. Each TSA gets its own request
 * (own nonce); each reply is checked on arrival (status, imprint, nonce, signature, timeStamping usage)
 * before it is kept. One TSA failing does not stop the others; the caller decides what none answering means.
 */
import { createHash } from "node:crypto";
import { buildRequest, checkToken, readToken, tokenFromResponse, TimestampError, type TokenFacts } from "./timestamp-token.js";

export interface StampResult {
  tsa: string;
  ok: boolean;
  /** The TSA's whole reply (TimeStampResp DER), as `openssl ts -verify -in` takes it. */
  response?: Uint8Array;
  facts?: TokenFacts;
  error?: string;
}

export async function stampWith(tsa: string, data: Uint8Array, timeoutMs = 20_000): Promise<StampResult> {
  const digest = createHash("sha256").update(data).digest("hex");
  const { der, nonce } = buildRequest(digest);
  try {
    let res: Response;
    try {
      res = await fetch(tsa, {
        method: "POST",
        headers: { "Content-Type": "application/timestamp-query", Accept: "application/timestamp-reply" },
        body: Buffer.from(der) as unknown as BodyInit,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new TimestampError(`could not reach the TSA (${cause?.code ?? cause?.message ?? (e as Error).message})`);
    }
    if (!res.ok) throw new TimestampError(`the TSA answered HTTP ${res.status} ${res.statusText}`);
    const response = new Uint8Array(await res.arrayBuffer());
    const token = tokenFromResponse(response);
    const check = await checkToken(token, data, undefined, nonce);
    if (!check.ok) throw new TimestampError(`the TSA's token does not check out: ${check.problems.join("; ")}`);
    return { tsa, ok: true, response, facts: readToken(token) };
  } catch (e) {
    if (e instanceof TimestampError) return { tsa, ok: false, error: e.message };
    throw e;
  }
}

export async function stampWithAll(tsas: readonly string[], data: Uint8Array, timeoutMs?: number): Promise<StampResult[]> {
  return Promise.all(tsas.map((t) => stampWith(t, data, timeoutMs)));
}
