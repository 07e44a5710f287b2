/** The CMS signature read out of a PDF signature's /Contents: its own DER length, not up to the last non-zero byte. */
import { describe, expect, it } from "vitest";
import { signatureDer } from "../../src/integrity/verify-signature.js";

const padded = (der: number[], zeros = 8) => Uint8Array.from([...der, ...Array<number>(zeros).fill(0)]);

describe("signatureDer", () => {
  it("keeps a last byte of zero that belongs to the signature (1 RSA signature in 256 ends so)", () => {
    const der = [0x30, 0x04, 0x04, 0x02, 0x7f, 0x00];
    expect([...signatureDer(padded(der))]).toEqual(der);
  });

  it("reads long-form lengths", () => {
    const body = Array.from({ length: 300 }, (_, i) => (i === 299 ? 0 : 1 + (i % 200)));
    const der = [0x30, 0x82, 0x01, 0x2c, ...body];
    expect([...signatureDer(padded(der, 100))]).toEqual(der);
    const short = [0x30, 0x81, 0x03, 0x05, 0x01, 0x00];
    expect([...signatureDer(padded(short))]).toEqual(short);
  });

  it("leaves anything that is not a DER sequence, or is cut short, for the CMS parser to refuse", () => {
    expect([...signatureDer(Uint8Array.from([0x04, 0x01, 0x00, 0x00]))]).toEqual([0x04, 0x01, 0x00, 0x00]);
    expect([...signatureDer(Uint8Array.from([0x30, 0x82, 0x01]))]).toEqual([0x30, 0x82, 0x01]);
    expect([...signatureDer(Uint8Array.from([0x30, 0x82, 0x01, 0x00, 0x05]))]).toEqual([0x30, 0x82, 0x01, 0x00, 0x05]);
  });
});
