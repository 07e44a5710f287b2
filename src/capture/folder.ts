/**
 * Write one capture into the case: every file goes into a temporary folder at the case root, hashed as it
 * is written; capture.json (describing all the others) is written last; then the folder is renamed into
 * `evidence/<defendant>/`. A capture that fails half-way leaves nothing under evidence/.
 */
import { hostname, platform, release } from "node:os";
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import {
  CAPTURE_FILES,
  CAPTURE_FORMAT,
  CAPTURE_RECORD_FILE,
  CAPTURE_TIMESTAMP_FILE,
  type CaptureRecord,
  type LivePage,
  type PageCaptureSettings,
  type WrittenFile,
} from "../model/capture.js";
import type { Digest } from "../model/digest.js";
import { addBanner } from "../images/index.js";
import { writeHashed } from "../util/hashed-write.js";
import { formatInZone, formatUtc } from "../util/time.js";
import { PRODUCER } from "../util/version.js";
import type { CaptureTarget } from "./targets.js";
import { rmSync } from "node:fs";
import { faultPoint } from "../util/fault-point.js";
import { onInterrupt, uninterrupted } from "../util/interrupt.js";

export interface Operator {
  name: string;
  source: CaptureRecord["operatorSource"];
}

export interface WriteOptions {
  caseDir: string;
  /** RFC 3161 authorities: capture.json is stamped by each as it is written (capture.json.tsr). */
  tsas?: readonly string[];
  tsaTimeoutMs?: number;
  timeZone: string;
  operator: Operator;
  banner: boolean;
  browserName: string;
}

export interface WrittenCapture {
  /** POSIX path of the capture folder relative to the case folder. */
  folder: string;
  record: CaptureRecord;
  recordDigest: Digest;
  /** The RFC 3161 stamp of capture.json (when TSAs are configured): who and when, or why none answered. */
  timestamp?: { tsa?: string; genTime?: string; error?: string };
}

/** "20261125T171145Z-shop.example-item-123": sorts by time, says where from. */
export function captureFolderName(startedAt: string, url: string): string {
  const stamp = startedAt.replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
  const u = new URL(url);
  const host = u.hostname.replace(/^www\./, "");
  const path = decodedPath(u.pathname).replace(/\.[a-z0-9]{1,5}$/i, "");
  const slug = `${host}-${path}`
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .replace(/-{2,}/g, "-")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${stamp}-${slug || "page"}`;
}

/** A URL path with its %-escapes decoded, or as it is when they do not decode (`/%E0%A4%A`). */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Where a capture is written before it is renamed into evidence/ (a folder a killed capture may leave). */
export const CAPTURE_TEMP_PREFIX = ".exhibits-capture-";

export async function writeCapture(
  target: CaptureTarget,
  live: LivePage,
  settings: PageCaptureSettings,
  o: WriteOptions,
): Promise<WrittenCapture> {
  // mkdir, not mkdtemp (which makes it 0700): the capture folder is renamed into evidence/ as it is, so it is made
  // with the user's umask, as every other folder of the case.
  const tmp = join(o.caseDir, `${CAPTURE_TEMP_PREFIX}${randomBytes(6).toString("hex")}`);
  await mkdir(tmp);
  // Stopped by a signal: the temporary folder goes (at once, and again at the exit in case a write was under way).
  const undo = onInterrupt(() => rmSync(tmp, { recursive: true, force: true }), { again: true });
  try {
    const files: Record<string, WrittenFile> = {};
    const put = async (name: string, data: Uint8Array | string) => {
      files[name] = await writeHashed(join(tmp, name), data);
    };
    await put(CAPTURE_FILES.screenshot, live.screenshot);
    let bannerHeight = 0;
    if (o.banner) {
      const when = `${formatUtc(live.startedAt)} · ${formatInZone(live.startedAt, o.timeZone)}`;
      const banner = await addBanner(live.screenshot, [live.finalUrl, `Captured ${when} · ${PRODUCER} · ${o.browserName} ${live.browser}`]);
      await put(CAPTURE_FILES.banner, banner.png);
      bannerHeight = banner.height;
    }
    await put(CAPTURE_FILES.mhtml, live.mhtml);
    await put(CAPTURE_FILES.html, live.html);
    await put(CAPTURE_FILES.text, textJson(live));
    const record: CaptureRecord = {
      format: CAPTURE_FORMAT,
      requestedUrl: live.requestedUrl,
      finalUrl: live.finalUrl,
      ...(live.responseUrl ? { responseUrl: live.responseUrl } : {}),
      redirects: live.redirects,
      status: live.status,
      statusText: live.statusText,
      headers: live.headers,
      ...(live.remoteAddress ? { remoteAddress: live.remoteAddress } : {}),
      ...(live.tls ? { tls: live.tls } : {}),
      title: live.title,
      startedAt: live.startedAt,
      endedAt: live.endedAt,
      defendant: target.defendant,
      marks: target.marks,
      ...(target.note ? { note: target.note } : {}),
      operator: o.operator.name,
      operatorSource: o.operator.source,
      host: { name: hostname(), platform: platform(), release: release() },
      tool: PRODUCER,
      browser: { name: o.browserName, version: live.browser, userAgent: live.userAgent, viewport: live.viewport },
      settings: {
        hide: settings.hide,
        click: settings.click,
        navigationTimeoutMs: settings.navigationTimeoutMs,
        settleTimeoutMs: settings.settleTimeoutMs,
        maxHeight: settings.maxHeight,
        followNavigation: settings.followNavigation,
        allowPrivate: settings.allowPrivate,
      },
      settle: live.settle,
      dialogs: live.behaviour.dialogs,
      popups: live.behaviour.popups,
      navigations: live.behaviour.navigations,
      refused: live.behaviour.refused,
      hidden: live.hidden,
      clicked: live.clicked,
      page: { width: live.page.width, height: live.page.height, truncated: live.truncated },
      exhibitImage: o.banner ? CAPTURE_FILES.banner : CAPTURE_FILES.screenshot,
      bannerHeight,
      files,
    };
    return await placeCapture(tmp, record, o, target);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    undo();
  }
}

async function placeCapture(tmp: string, record: CaptureRecord, o: WriteOptions, target: CaptureTarget): Promise<WrittenCapture> {
  const recordText = JSON.stringify(record, null, 2) + "\n";
  const recordWritten = await writeHashed(join(tmp, CAPTURE_RECORD_FILE), recordText);
  let stamped: WrittenCapture["timestamp"];
  if (o.tsas?.length) {
    const { stampWithAll } = await import("../pki/index.js"); // loaded when used (see pki/index.ts)
    const results = await stampWithAll(o.tsas, Buffer.from(recordText, "utf8"), o.tsaTimeoutMs);
    const ok = results.find((r) => r.ok && r.response);
    if (ok?.response && ok.facts) {
      await writeHashed(join(tmp, CAPTURE_TIMESTAMP_FILE), ok.response);
      stamped = { tsa: ok.tsa, genTime: ok.facts.genTime };
    } else {
      stamped = { error: results.map((r) => `${r.tsa}: ${r.error}`).join("; ") };
    }
  }
  const parent = join(o.caseDir, "evidence", target.defendant);
  await mkdir(parent, { recursive: true });
  const base = captureFolderName(record.startedAt, record.finalUrl);
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    const dest = join(parent, name);
    if (
      await stat(dest).then(
        () => true,
        () => false,
      )
    )
      continue;
    faultPoint("capture");
    await uninterrupted(() => rename(tmp, dest)); // not begun once a stop is under way

    return {
      folder: `evidence/${target.defendant}/${name}`,
      record,
      recordDigest: recordWritten.sha256,
      ...(stamped ? { timestamp: stamped } : {}),
    };
  }
}

/** One text box per line of the file, so a diff or grep of text.json stays readable. */
function textJson(live: LivePage): string {
  const { boxes, ...head } = live.text;
  const lines = boxes.map((b) => "    " + JSON.stringify(b));
  return (
    `{\n  "format": ${JSON.stringify(head.format)},\n  "width": ${head.width},\n  "height": ${head.height},\n  "boxes": ` +
    `[\n${lines.join(",\n")}\n  ]\n}\n`
  );
}
