/**
 * Stage: the complaint appendices, from the same plan and outputs as the exhibits — Schedule A, exhibit
 * index, damages table, FRE 902(13)/(14) certification and notice, chain-of-custody log. This stage makes
 * rows, CSV and XLSX; commands/ renders the PDFs through render/ and pdf/.
 */
export { scheduleARows, scheduleACsv, scheduleAColumns, SCHEDULE_A_HEADERS } from "./schedule-a.js";
export type { ScheduleARow } from "./schedule-a.js";
export { exhibitIndexRows, exhibitIndexCsv, exhibitIndexChunks } from "./exhibit-index.js";
export type { ExhibitIndexRow } from "./exhibit-index.js";
export { captionView } from "./context.js";
export type { CaptionView } from "./context.js";
export { readCustodyLog, appendCustody, custodyCsv, rememberCustody, CUSTODY_FILE } from "./custody.js";
export type { NewCustodyEntry, CustodyLog, CustodyCheckpoint, CustodyCheckpoints } from "./custody.js";
export { checkCase, formatCheckReport, estimateRenderedPages } from "./check.js";
export type { CheckReport, CheckFinding, DefendantReport } from "./check.js";
export { computeDamages } from "./damages.js";
export { damagesCsv } from "./damages-csv.js";
export { damagesXlsx, pinZipTimestamps } from "./damages-xlsx.js";
export { certificationModel, noticeModel } from "./certification.js";
export { damagesView } from "./damages-view.js";
export { scheduleAXlsx } from "./schedule-a-xlsx.js";
