/**
 * RFC 3161 time-stamp requests and tokens (the pkijs/asn1js room). A request carries only a SHA-256
 * digest, a nonce and certReq; a token is checked offline: status granted, the message imprint equal to
 * the digest, the nonce echoed, the CMS signature valid, the signer's certificate carrying the critical
 * timeStamping extended key usage, and (given trusted roots) a chain to one of them.
 */
import { createHash, randomBytes } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

const SHA256 = "2.16.840.1.101.3.4.2.1";
const EKU = "2.5.29.37";
const TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
const SIGNED_DATA = "1.2.840.113549.1.7.2";

export class TimestampError extends Error {}

export interface TokenFacts {
  genTime: string;
  serial: string;
  policy: string;
  /** The TSA's name from the token, or the signer certificate's subject. */
  tsa: string;
  signer: string;
  /** SHA-256 imprint in the token, hex. */
  imprint: string;
  nonce?: string;
}

const hex = (b: ArrayBuffer | Uint8Array) => Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString("hex");

function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

export function buildRequest(digestHex: string, nonce: Uint8Array = randomBytes(8)): { der: Uint8Array; nonce: string } {
  const n = Uint8Array.from(nonce);
  // A positive INTEGER in minimal DER: top bit clear, and no leading zero byte (a TSA may refuse the
  // non-minimal encoding; with a random first byte that was 1 request in 256).
  n[0] = n[0]! & 0x7f || 0x01;
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(Buffer.from(digestHex, "hex")) }),
    }),
    nonce: new asn1js.Integer({ valueHex: toArrayBuffer(n) }),
    certReq: true,
  });
  return { der: new Uint8Array(req.toSchema().toBER(false)), nonce: hex(n).replace(/^0+/, "") || "0" };
}

function parseBer<T>(der: Uint8Array, what: string, make: (schema: asn1js.AsnType) => T): T {
  const parsed = asn1js.fromBER(toArrayBuffer(der));
  if (parsed.offset === -1) throw new TimestampError(`${what} is not valid DER`);
  try {
    return make(parsed.result);
  } catch (e) {
    throw new TimestampError(`${what} is not a valid structure: ${(e as Error).message}`);
  }
}

const STATUS_WORDS = ["granted", "granted with modifications", "rejection", "waiting", "revocation warning", "revocation notification"];

/** A TSA's reply → the bare token (ContentInfo DER). Throws with the TSA's status when it was not granted. */
export function tokenFromResponse(der: Uint8Array): Uint8Array {
  const resp = parseBer(der, "the TSA's reply", (schema) => new pkijs.TimeStampResp({ schema }));
  const status = resp.status.status;
  if (status !== 0 && status !== 1) {
    const text = resp.status.statusStrings?.map((s) => s.valueBlock.value).join("; ");
    throw new TimestampError(`the TSA refused: status ${STATUS_WORDS[status] ?? status}${text ? ` (${text})` : ""}`);
  }
  if (!resp.timeStampToken) throw new TimestampError("the TSA granted the request but sent no token");
  return new Uint8Array(resp.timeStampToken.toSchema().toBER(false));
}

function nameOf(name: pkijs.RelativeDistinguishedNames): string {
  const short: Record<string, string> = {
    "2.5.4.3": "CN",
    "2.5.4.10": "O",
    "2.5.4.11": "OU",
    "2.5.4.6": "C",
    "2.5.4.7": "L",
    "2.5.4.8": "ST",
  };
  return name.typesAndValues
    .map((tv) => `${short[tv.type] ?? tv.type}=${(tv.value.valueBlock as { value?: string }).value ?? ""}`)
    .join(", ");
}

function parseToken(token: Uint8Array) {
  const info = parseBer(token, "the time-stamp token", (schema) => new pkijs.ContentInfo({ schema }));
  if (info.contentType !== SIGNED_DATA) throw new TimestampError("the time-stamp token is not CMS SignedData");
  const signed = new pkijs.SignedData({ schema: info.content });
  const econtent = signed.encapContentInfo.eContent;
  if (!econtent) throw new TimestampError("the time-stamp token holds no TSTInfo");
  const tst = parseBer(new Uint8Array(econtent.getValue()), "the token's TSTInfo", (schema) => new pkijs.TSTInfo({ schema }));
  return { signed, tst };
}

/** The facts of a token, without checking it (for display and records). */
export function readToken(token: Uint8Array): TokenFacts {
  const { signed, tst } = parseToken(token);
  const signerCert = signerCertificate(signed);
  const tsaName = tst.tsa && tst.tsa.type === 4 ? nameOf(tst.tsa.value as pkijs.RelativeDistinguishedNames) : undefined;
  return {
    genTime: tst.genTime.toISOString(),
    serial: hex(tst.serialNumber.valueBlock.valueHexView),
    policy: tst.policy,
    tsa: tsaName ?? (signerCert ? nameOf(signerCert.subject) : "unknown"),
    signer: signerCert ? nameOf(signerCert.subject) : "unknown",
    imprint: hex(tst.messageImprint.hashedMessage.valueBlock.valueHexView),
    ...(tst.nonce ? { nonce: hex(tst.nonce.valueBlock.valueHexView).replace(/^0+/, "") || "0" } : {}),
  };
}

function signerCertificate(signed: pkijs.SignedData): pkijs.Certificate | undefined {
  const sid = signed.signerInfos[0]?.sid;
  const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  if (!sid) return undefined;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certs.find((c) => c.serialNumber.isEqual(sid.serialNumber) && nameOf(c.issuer) === nameOf(sid.issuer));
  }
  const ski = hex((sid as asn1js.OctetString).valueBlock.valueHexView);
  return certs.find((c) =>
    c.extensions?.some((e) => e.extnID === "2.5.29.14" && hex((e.parsedValue as asn1js.OctetString).valueBlock.valueHexView) === ski),
  );
}

export function certificateFromPem(pem: string): pkijs.Certificate[] {
  const blocks = [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
  return blocks.map((m) =>
    parseBer(Buffer.from(m[1]!.replace(/\s+/g, ""), "base64"), "a CA certificate", (schema) => new pkijs.Certificate({ schema })),
  );
}

export interface TokenCheck {
  ok: boolean;
  problems: string[];
  facts?: TokenFacts;
  /** Whether the signer chains to one of the trusted roots (undefined: no roots given, trust not checked). */
  trusted?: boolean;
}

/**
 * Check a token against the data it should stamp (its SHA-256 must be the token's message imprint). With `roots`, the signer's
 * certificate must chain to
 * one of them; without, the signature is checked with the certificate inside the token and trust is left open.
 */
export async function checkToken(token: Uint8Array, data: Uint8Array, roots?: pkijs.Certificate[], nonce?: string): Promise<TokenCheck> {
  const digestHex = createHash("sha256").update(data).digest("hex");
  const problems: string[] = [];
  let facts: TokenFacts;
  let signed: pkijs.SignedData;
  try {
    ({ signed } = parseToken(token));
    facts = readToken(token);
  } catch (e) {
    return { ok: false, problems: [(e as Error).message] };
  }
  if (facts.imprint !== digestHex.toLowerCase())
    problems.push(
      `message imprint mismatch: the token stamps ${facts.imprint.slice(0, 16)}…, the file's SHA-256 is ${digestHex.slice(0, 16)}…`,
    );
  if (nonce !== undefined && facts.nonce !== nonce) problems.push("the token does not echo the request's nonce");
  const signer = signerCertificate(signed);
  if (!signer) problems.push("the token does not carry its signer's certificate");
  else {
    const eku = signer.extensions?.find((e) => e.extnID === EKU);
    const usages = (eku?.parsedValue as { keyPurposes?: string[] } | undefined)?.keyPurposes ?? [];
    if (!eku || !usages.includes(TIME_STAMPING))
      problems.push(`the signer's certificate (${nameOf(signer.subject)}) lacks the timeStamping extended key usage`);
    else if (!eku.critical)
      problems.push(
        `the signer's certificate (${nameOf(signer.subject)}) marks its extended key usage non-critical; RFC 3161 requires it critical`,
      );
  }
  let trusted: boolean | undefined;
  if (facts.imprint !== digestHex) return { ok: false, problems, facts };
  try {
    const result = await signed.verify({
      signer: 0,
      data: toArrayBuffer(data),
      checkChain: Boolean(roots?.length),
      trustedCerts: roots ?? [],
      checkDate: new Date(facts.genTime),
      extendedMode: true,
    });
    if (!result.signatureVerified) problems.push("the token's signature does not verify");
    if (roots?.length) {
      trusted = Boolean(result.signerCertificateVerified);
      if (!trusted) problems.push("the signer's certificate does not chain to the given CA");
    }
  } catch (e) {
    const err = e as pkijs.SignedDataVerifyError & { message?: string };
    if (roots?.length && ((err.signatureVerified && err.signerCertificateVerified === false) || /certificate/i.test(err.message ?? ""))) {
      trusted = false;
      problems.push(`the TSA's certificate does not chain to the CA given (${err.message ?? "no path"})`);
    } else {
      problems.push(`the token's signature does not verify${err.message ? ` (${err.message})` : ""}`);
    }
  }
  return { ok: problems.length === 0, problems, facts, ...(trusted !== undefined ? { trusted } : {}) };
}
