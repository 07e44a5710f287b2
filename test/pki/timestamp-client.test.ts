/**
 * Asking TSAs over HTTP (src/pki/timestamp-client.ts), against a TSA served in-process on 127.0.0.1 with the
 * test PKI: each reply is checked on arrival, and each way a TSA can fail is reported, never thrown.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stampWith, stampWithAll } from "../../src/pki/index.js";
import { closedPort } from "../helpers/closed-port.js";
import { makeResponse, makeToken, readRequest } from "./test-pki.js";

const DATA = new TextEncoder().encode("manifest.json\n");
const sha = (d: Uint8Array) => createHash("sha256").update(d).digest("hex");

/** How the TSA answers a request (its imprint and nonce): status, and the body. */
type Answer = (req: { digestHex: string; nonce?: string; contentType?: string }) => Promise<{ status: number; body: Uint8Array | string }>;
const answers = new Map<string, Answer>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const answer = answers.get(req.url ?? "");
      const r = await answer!({ ...readRequest(Buffer.concat(chunks)), contentType: req.headers["content-type"] });
      res.writeHead(r.status, { "Content-Type": "application/timestamp-reply" }).end(r.body);
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

function tsa(path: string, answer: Answer): string {
  answers.set(path, answer);
  return `${base}${path}`;
}

/** A TSA that stamps what it is asked, as asked (application/timestamp-query). */
const honest = () =>
  tsa("/honest", async ({ digestHex, nonce, contentType }) =>
    contentType === "application/timestamp-query"
      ? { status: 200, body: makeResponse(await makeToken(digestHex, { nonce })) }
      : { status: 400, body: "wrong content type" },
  );

describe("stampWith", () => {
  it("keeps a good reply with its facts", async () => {
    const url = honest();
    const r = await stampWith(url, DATA);
    expect(r).toMatchObject({ tsa: url, ok: true, facts: { tsa: "CN=Test TSA", imprint: sha(DATA) } });
    expect(r.response!.length).toBeGreaterThan(0);
  });

  it("refuses a reply that does not echo the request's nonce", async () => {
    const url = tsa("/replay", async ({ digestHex }) => ({ status: 200, body: makeResponse(await makeToken(digestHex, { nonce: "1" })) }));
    expect(await stampWith(url, DATA)).toEqual({
      tsa: url,
      ok: false,
      error: "the TSA's token does not check out: the token does not echo the request's nonce",
    });
  });

  it("refuses a token over other bytes", async () => {
    const url = tsa("/other", async ({ nonce }) => ({
      status: 200,
      body: makeResponse(await makeToken(sha(new TextEncoder().encode("x")), { nonce })),
    }));
    const r = await stampWith(url, DATA);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/^the TSA's token does not check out: message imprint mismatch/);
  });

  it("reports an HTTP error, a refusal and an unreachable TSA", async () => {
    const down = tsa("/down", async () => ({ status: 503, body: "maintenance" }));
    expect((await stampWith(down, DATA)).error).toBe("the TSA answered HTTP 503 Service Unavailable");
    const refuses = tsa("/refuses", async () => ({ status: 200, body: makeResponse(undefined, "policy not accepted") }));
    expect((await stampWith(refuses, DATA)).error).toBe("the TSA refused: status rejection (policy not accepted)");
    const nowhere = `http://127.0.0.1:${await closedPort()}/tsa`;
    expect(await stampWith(nowhere, DATA)).toEqual({ tsa: nowhere, ok: false, error: "could not reach the TSA (ECONNREFUSED)" });
  });
});

describe("stampWithAll", () => {
  it("asks every TSA, in order; one failing does not stop the others", async () => {
    const down = tsa("/down-too", async () => ({ status: 500, body: "" }));
    const results = await stampWithAll([down, honest()], DATA);
    expect(results.map((r) => [r.tsa, r.ok])).toEqual([
      [down, false],
      [honest(), true],
    ]);
  });
});
