/** The RFC 3161 room (pkijs, asn1js): build requests, talk to TSAs, read and check tokens offline. */
export { buildRequest, checkToken, readToken, tokenFromResponse, certificateFromPem, TimestampError } from "./token.js";
export type { TokenFacts, TokenCheck } from "./token.js";
export { stampWith, stampWithAll } from "./client.js";
export type { StampResult } from "./client.js";
