/**
 * capture-log.jsonl in the case folder: one line per requested capture, success or failure, appended as
 * each one ends (a crash keeps the lines already written). It is the investigator's running record of what
 * was attempted, when, and with what result, including the pages that could not be captured.
 */
import { constants } from "node:fs";
import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import type { CaptureOutcome } from "../model/capture.js";

export const CAPTURE_LOG_FILE = "capture-log.jsonl";

export async function appendCaptureLog(caseDir: string, outcome: CaptureOutcome, loggedAt = new Date().toISOString()): Promise<void> {
  // Appended in place, but never through a link planted at the log's name, nor waiting on a FIFO put there.
  const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;
  await appendFile(join(caseDir, CAPTURE_LOG_FILE), JSON.stringify({ loggedAt, ...outcome }) + "\n", { encoding: "utf8", flag: flags });
}
