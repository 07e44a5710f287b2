/**
 * case.yaml's `sealing:` (src/schema/case.ts) and the legend it gives (src/render/legend.ts, the template's wording):
 * defaults, the order once granted, counsel's own text, and a mistake named by file, line and field.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCase } from "../../src/case/index.js";
import { sealingLegend } from "../../src/render/index.js";
import { InvalidInputErrors } from "../../src/util/errors.js";
import { tempDir } from "../helpers/cli.js";

const CASE = `id: demo
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

async function load(sealing: string) {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "case.yaml"), CASE + sealing);
  return loadCase(dir);
}

describe("sealing settings", () => {
  it("defaults to the provisional legend of the profile (N.D. Ill.: LR 26.2(c)), no identity sealing, nothing under seal", async () => {
    const { config } = await load("");
    expect(config.sealing).toEqual({ legend: "provisional", identities: false, items: [] });
    expect(sealingLegend(config.sealing.legend, "nd-ill")).toBe("PROVISIONALLY FILED UNDER SEAL PURSUANT TO LR 26.2(c)");
    // A local rule of one court is never cited in another's papers.
    for (const court of ["sdny", "federal"] as const)
      expect(sealingLegend(config.sealing.legend, court)).toBe(
        "PROVISIONALLY FILED UNDER SEAL PENDING THE COURT'S RULING ON THE MOTION TO SEAL",
      );
  });

  it("names the order once the motion to seal is granted, or takes counsel's wording", async () => {
    const granted = await load("sealing:\n  legend: { order: { date: 2026-03-03, docket: 17 } }\n  identities: true\n");
    expect(granted.config.sealing.legend).toEqual({ order: { date: "2026-03-03", docket: "17" } });
    expect(sealingLegend(granted.config.sealing.legend, "nd-ill")).toBe("FILED UNDER SEAL PURSUANT TO THE ORDER OF MARCH 3, 2026, DKT. 17");
    const own = await load('sealing: { legend: { text: "CONFIDENTIAL — FILED UNDER SEAL & SUBJECT TO PROTECTIVE ORDER" } }\n');
    expect(sealingLegend(own.config.sealing.legend, "sdny")).toBe("CONFIDENTIAL — FILED UNDER SEAL & SUBJECT TO PROTECTIVE ORDER");
  });

  it("names the file, line and field of a wrong legend or date", async () => {
    const messages = async (text: string) => {
      try {
        await load(text);
      } catch (e) {
        if (e instanceof InvalidInputErrors) return e.errors.map((x) => x.message).join("\n");
        throw e;
      }
      throw new Error("expected the case to be refused");
    };
    expect(await messages("sealing: { legend: granted }\n")).toMatch(
      /case\.yaml:12.*sealing\.legend.*expected provisional, \{ order: \{ date, docket \} \} once the motion to seal is granted/,
    );
    expect(await messages("sealing: { legend: { order: { date: 2026-13-45, docket: 17 } } }\n")).toMatch(/sealing\.legend/);
    expect(await messages("sealing: { identities: yes-please }\n")).toMatch(/case\.yaml:12.*sealing\.identities.*expected true or false/);
  });
});
