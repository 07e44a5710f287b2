/** Every hostile case, by area: each area's file exports its list (one line here per file). */
import type { HostileCase } from "../case.js";
import { exportCases } from "./exports.js";
import { imageCases } from "./images.js";
import { pdfCases } from "./pdf.js";
import { sampleCases } from "./sample.js";

export const HOSTILE_CASES: HostileCase[] = [...sampleCases, ...pdfCases, ...imageCases, ...exportCases];
