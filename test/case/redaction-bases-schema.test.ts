/**
 * case.yaml's redaction bases: a case pattern, the street-address setting and a sidecar's pixel region each take the
 * basis the filer names; a malformed one is refused with an error naming the field and saying what to write.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCase } from "../../src/case/index.js";
import { sidecarSchema } from "../../src/schema/case.js";
import { InvalidInputError, InvalidInputErrors } from "../../src/util/errors.js";
import { tempDir } from "../helpers/cli.js";

const BASE = `id: demo
caption:
  court: United States District Court for the Northern District of Illinois
  caseNumber: "1:26-cv-00001"
  plaintiffs: [Demo Brand S.p.A.]
  defendants: The Partnerships Identified on Schedule A
  shortTitle: Demo v. Schedule A
timeZone: America/Chicago
bates: { prefix: DEMO, start: 1, digits: 6 }
defendants:
  - { id: shop-1, name: Shop One }
`;

async function load(redaction: string) {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "case.yaml"), `${BASE}redaction:\n${redaction}`);
  return loadCase(dir);
}

async function errorsOf(redaction: string): Promise<string[]> {
  try {
    await load(redaction);
  } catch (e) {
    if (e instanceof InvalidInputErrors) return e.errors.map((x) => x.message);
    if (e instanceof InvalidInputError) return [e.message];
    throw e;
  }
  throw new Error("expected the case to be refused");
}

describe("redaction bases in case.yaml", () => {
  it("keeps each pattern's basis, and takes street addresses as true or { basis }", async () => {
    const c = await load(
      `  patterns:\n    - { name: direct line, regex: "555-01\\\\d\\\\d", basis: "Protective Order, Dkt. 31" }\n` +
        `    - { name: badge, regex: "B-\\\\d{4}" }\n  streetAddresses: { basis: "LR 26.2 leave, Dkt. 12" }\n`,
    );
    expect(c.config.redaction.patterns).toEqual([
      { name: "direct line", regex: "555-01\\d\\d", basis: "Protective Order, Dkt. 31" },
      { name: "badge", regex: "B-\\d{4}" },
    ]);
    expect(c.config.redaction.streetAddresses).toEqual({ basis: "LR 26.2 leave, Dkt. 12" });
    expect((await load("  streetAddresses: true\n")).config.redaction.streetAddresses).toBe(true);
    expect((await load("  minors: []\n")).config.redaction.streetAddresses).toBe(false);
  });

  it("refuses a street-address setting that is neither true/false nor { basis }, saying what to write", async () => {
    for (const bad of ["  streetAddresses: { }\n", "  streetAddresses: yes please\n", "  streetAddresses: { basis: 31 }\n"]) {
      const errors = await errorsOf(bad);
      expect(errors.join("\n"), bad).toMatch(/redaction\.streetAddresses.*expected true, false, or \{ basis: "…" \}/);
    }
  });

  it("refuses Fed. R. Civ. P. 5.2(a) as the basis of street-address redaction, which it does not cover", async () => {
    for (const basis of ["Fed. R. Civ. P. 5.2(a)", "FRCP 5.2"]) {
      const errors = await errorsOf(`  streetAddresses: { basis: "${basis}" }\n`);
      expect(errors.join("\n"), basis).toMatch(/streetAddresses\.basis.*5\.2\(a\) does not cover street addresses/);
    }
    // A 5.2(e) order is a basis for it.
    const c = await load(`  streetAddresses: { basis: "Order under Fed. R. Civ. P. 5.2(e), Dkt. 20" }\n`);
    expect(c.config.redaction.streetAddresses).toEqual({ basis: "Order under Fed. R. Civ. P. 5.2(e), Dkt. 20" });
  });

  it("refuses an empty basis and a pattern's replacement text (the public face shows [REDACTED])", async () => {
    expect((await errorsOf(`  patterns:\n    - { name: p, regex: "x", basis: "  " }\n`)).join("\n")).toMatch(
      /patterns\[0\]\.basis\): expected a non-empty text/,
    );
    expect((await errorsOf(`  patterns:\n    - { name: p, regex: "x", replacement: "[phone per PO]" }\n`)).join("\n")).toMatch(
      /patterns\[0\]\.replacement\): is no longer accepted: the public page shows \[REDACTED\]/,
    );
  });

  it("takes a basis beside a sidecar's pixel region", () => {
    const ok = sidecarSchema.safeParse({
      redact: [{ x: 1, y: 2, width: 3, height: 4, reason: "address", basis: "Protective Order, Dkt. 31" }],
    });
    expect(ok.success && ok.data.redact?.[0]?.basis).toBe("Protective Order, Dkt. 31");
    expect(sidecarSchema.safeParse({ redact: [{ x: 1, y: 2, width: 3, height: 4, basis: "" }] }).success).toBe(false);
  });
});
