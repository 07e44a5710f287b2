/**
 * RFC 3161 requests and tokens (src/pki/timestamp-token.ts), checked offline against tokens made in-process
 * by the test PKI: a good token passes; each way a token can be wrong is named.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildRequest, certificateFromPem, checkToken, readToken, TimestampError, tokenFromResponse } from "../../src/pki/index.js";
import { makeResponse, makeToken, readRequest, stampOf, TEST_POLICY, testPki } from "./test-pki.js";

const DATA = new TextEncoder().encode("manifest.json, as it was sealed\n");
const sha = (d: Uint8Array) => createHash("sha256").update(d).digest("hex");

describe("buildRequest", () => {
  it("asks for the SHA-256 imprint with a nonce and certReq", () => {
    const { der, nonce } = buildRequest(sha(DATA), Uint8Array.from([0x12, 0x34, 0, 0, 0, 0, 0, 1]));
    expect(nonce).toBe("1234000000000001");
    expect(readRequest(der)).toEqual({ digestHex: sha(DATA), nonce: "1234000000000001" });
  });

  it("keeps the nonce a positive INTEGER in minimal DER, whatever its first random byte", () => {
    // Top bit set: cleared (else the INTEGER would be negative). Zero first byte: made 1 (else not minimal).
    expect(buildRequest(sha(DATA), Uint8Array.from([0xff, 1, 2, 3, 4, 5, 6, 7])).nonce).toBe("7f01020304050607");
    expect(buildRequest(sha(DATA), Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 9])).nonce).toBe("100000000000009");
    expect(buildRequest(sha(DATA), Uint8Array.from([0x80, 0, 0, 0, 0, 0, 0, 0])).nonce).toBe("100000000000000");
  });

  it("draws a fresh nonce for each request by default", () => {
    expect(buildRequest(sha(DATA)).nonce).not.toBe(buildRequest(sha(DATA)).nonce);
  });
});

describe("tokenFromResponse", () => {
  it("takes the token out of a granted reply", async () => {
    const token = await makeToken(sha(DATA));
    expect(Buffer.from(tokenFromResponse(makeResponse(token))).equals(Buffer.from(token))).toBe(true);
  });

  it("says why a TSA refused, with its own words", () => {
    expect(() => tokenFromResponse(makeResponse(undefined, "unsupported hash"))).toThrow(
      new TimestampError("the TSA refused: status rejection (unsupported hash)"),
    );
  });

  it("refuses a granted reply without a token, and bytes that are not DER", () => {
    expect(() => tokenFromResponse(makeResponse(undefined))).toThrow("the TSA granted the request but sent no token");
    expect(() => tokenFromResponse(new TextEncoder().encode("<html>502 Bad Gateway</html>"))).toThrow(TimestampError);
  });
});

describe("readToken", () => {
  it("reads genTime, serial, policy, the TSA's name, the imprint and the nonce", async () => {
    const token = await makeToken(sha(DATA), { nonce: "1234", serialHex: "0102", genTime: new Date("2026-03-04T05:06:07Z") });
    expect(readToken(token)).toEqual({
      genTime: "2026-03-04T05:06:07.000Z",
      serial: "0102",
      policy: TEST_POLICY,
      tsa: "CN=Test TSA",
      signer: "CN=Test TSA",
      imprint: sha(DATA),
      nonce: "1234",
    });
  });
});

describe("checkToken", () => {
  it("passes a good token over the data it stamps; trust is left open without roots", async () => {
    const check = await checkToken(tokenFromResponse(await stampOf(DATA)), DATA);
    expect(check).toMatchObject({ ok: true, problems: [], facts: { tsa: "CN=Test TSA", imprint: sha(DATA) } });
    expect(check.trusted).toBeUndefined();
  });

  it("with roots: trusted when the TSA chains to one of them, refused when it does not", async () => {
    const { root, otherRoot } = testPki();
    const token = tokenFromResponse(await stampOf(DATA));
    expect(await checkToken(token, DATA, certificateFromPem(root.certPem))).toMatchObject({ ok: true, trusted: true });
    const other = await checkToken(token, DATA, certificateFromPem(otherRoot.certPem));
    expect(other.ok).toBe(false);
    expect(other.trusted).toBe(false);
    expect(other.problems.join("\n")).toMatch(/does not chain to the (given )?CA/);
  });

  it("names a message imprint mismatch (the token stamps other bytes)", async () => {
    const check = await checkToken(tokenFromResponse(await stampOf(DATA)), new TextEncoder().encode("edited"));
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      expect.stringMatching(/^message imprint mismatch: the token stamps [0-9a-f]{16}…, the file's SHA-256 is [0-9a-f]{16}…$/),
    ]);
  });

  it("checks the nonce when one is given", async () => {
    const token = tokenFromResponse(await stampOf(DATA, { nonce: "abcd" }));
    expect((await checkToken(token, DATA, undefined, "abcd")).ok).toBe(true);
    expect((await checkToken(token, DATA, undefined, "abce")).problems).toContain("the token does not echo the request's nonce");
  });

  it("refuses a signer without the timeStamping usage, or with it non-critical", async () => {
    const { noEku, tsaNonCritical } = testPki();
    const none = await checkToken(tokenFromResponse(await stampOf(DATA, { by: noEku })), DATA);
    expect(none.problems).toContain("the signer's certificate (CN=Not A TSA) lacks the timeStamping extended key usage");
    const lax = await checkToken(tokenFromResponse(await stampOf(DATA, { by: tsaNonCritical })), DATA);
    expect(lax.problems).toContain(
      "the signer's certificate (CN=Lax TSA) marks its extended key usage non-critical; RFC 3161 requires it critical",
    );
  });

  it("refuses a token that does not carry its signer's certificate", async () => {
    const check = await checkToken(await makeToken(sha(DATA), { withoutCertificate: true }), DATA);
    expect(check.ok).toBe(false);
    expect(check.problems).toContain("the token does not carry its signer's certificate");
  });

  it("refuses a token whose signature was made by another key", async () => {
    // The TSA's certificate, but the bytes signed by the lax TSA's key: the certificate does not verify them.
    const { tsa, tsaNonCritical } = testPki();
    const forged = await makeToken(sha(DATA), { by: { ...tsa, keyPkcs8: tsaNonCritical.keyPkcs8 } });
    const check = await checkToken(forged, DATA);
    expect(check.ok).toBe(false);
    expect(check.problems.join("\n")).toMatch(/the token's signature does not verify/);
  });

  it("refuses bytes that are not a token", async () => {
    const check = await checkToken(new TextEncoder().encode("not a token"), DATA);
    expect(check).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^the time-stamp token is not valid DER|^the time-stamp token is not a valid structure/)],
    });
  });
});

describe("certificateFromPem", () => {
  it("reads every certificate of a PEM file, and none from other text", () => {
    const { root, otherRoot } = testPki();
    expect(certificateFromPem(`${root.certPem}\n${otherRoot.certPem}`)).toHaveLength(2);
    expect(certificateFromPem("no certificate here")).toEqual([]);
  });

  it("refuses a PEM block that is not a certificate", () => {
    expect(() => certificateFromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")).toThrow(TimestampError);
  });
});
