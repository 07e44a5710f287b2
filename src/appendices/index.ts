/**
 * Stage 9, appendices: the papers that cite the exhibits — Schedule A, exhibit index, damages table, FRE 902
 * certification and notice — from the same plan and outputs as the exhibits (see write-appendices.ts).
 */
export { writeAppendices } from "./write-appendices.js";
export { APPENDICES_DIR } from "./appendix-pdf.js";
export type { BundleVolumes } from "./appendix-context.js";
export { writeCertificationPapers, type WrittenTwin } from "./write-certification.js";
