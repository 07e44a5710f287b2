/** Every hostile case, by area: each area's file exports its list (one line here per file). */
import type { HostileCase } from "../case.js";
import { exportCases } from "./exports.js";
import { formulaCases } from "./formulas.js";
import { imageCases } from "./images.js";
import { pathCases } from "./paths.js";
import { pdfCases } from "./pdf.js";
import { regexCases } from "./regex.js";
import { sampleCases } from "./sample.js";
import { verifyCases } from "./verify.js";
import { writeCases } from "./writes.js";
import { yamlCases } from "./yaml.js";

export const HOSTILE_CASES: HostileCase[] = [
  ...sampleCases,
  ...yamlCases,
  ...regexCases,
  ...pathCases,
  ...writeCases,
  ...pdfCases,
  ...imageCases,
  ...exportCases,
  ...verifyCases,
  ...formulaCases,
];
