/** A small case folder for capture tests: two defendants and one mark, no evidence yet. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./cli.js";

export const CAPTURE_CASE_YAML = `id: glint-capture
caption:
  court: United States District Court for the Northern District of Illinois
  caseNumber: "1:26-cv-04242"
  plaintiffs: [Lumiere Maison SA]
  defendants: The Partnerships and Unincorporated Associations Identified on Schedule A
  shortTitle: Lumiere Maison SA v. Schedule A
timeZone: America/Chicago
bates:
  prefix: LUM
marks:
  - id: screw
    name: SCREW LOVE
    registration: "9,876,543"
    goodsClass: [14]
capture:
  settleSeconds: 3
defendants:
  - id: glint
    name: GlintJewel
    platform: Shopwell
    sellerId: GLINT0001
    location: Yiwu, China
  - id: other
    name: Other Seller
`;

export function makeCaptureCase(): string {
  const dir = join(tempDir("exhibits-capture-"), "case");
  mkdirSync(join(dir, "evidence"), { recursive: true });
  writeFileSync(join(dir, "case.yaml"), CAPTURE_CASE_YAML);
  return dir;
}
