/**
 * The PKI room (pkijs, asn1js, node-forge): RFC 3161 requests, TSA calls and offline token checks;
 * PKCS#12 signing identities; detached CMS signatures and their checks. Its users import it when they need
 * it (`await import`): these libraries take a fifth of a second to load, and most builds neither sign nor
 * stamp, nor read a stamped capture.
 */
export { buildRequest, checkToken, readToken, tokenFromResponse, certificateFromPem, TimestampError } from "./timestamp-token.js";
export type { TokenFacts, TokenCheck } from "./timestamp-token.js";
export { stampWith, stampWithAll } from "./timestamp-client.js";
export type { StampResult } from "./timestamp-client.js";
export { readP12 } from "./p12.js";
export type { SigningIdentity } from "./p12.js";
export { detachedSignature, checkDetachedSignature } from "./cms-signature.js";
