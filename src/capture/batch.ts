/**
 * Run a batch of captures through one browser: a few pages at a time, each failure retried with growing
 * pauses when a retry can help (unreachable host, time-out, server error), never when it cannot (404,
 * refused certificate, a download). Every target ends with exactly one outcome; one bad URL never stops
 * the others.
 */
import type { CaptureOutcome, LivePage, PageCaptureSettings } from "../model/capture.js";
import { CaptureFailure, type LiveBrowser } from "../browser/live-page.js";
import { mapLimit } from "../util/concurrency.js";
import { formatLocation } from "../util/errors.js";
import type { CaptureTarget } from "./targets.js";
import type { WrittenCapture } from "./folder.js";

export interface BatchOptions {
  concurrency: number;
  /** Further attempts after the first, for failures worth retrying. */
  retries: number;
  /** Pause before the first retry; doubled for each further one. */
  backoffMs: number;
  settingsFor(target: CaptureTarget): PageCaptureSettings;
  write(target: CaptureTarget, live: LivePage, settings: PageCaptureSettings): Promise<WrittenCapture>;
  onStart?(target: CaptureTarget): void;
  onOutcome?(outcome: CaptureOutcome): void;
}

export function worthRetrying(e: CaptureFailure): boolean {
  // A page that replaced its document while it was captured may hold still the next time.
  if (e.reason === "unreachable" || e.reason === "timeout" || e.reason === "browser" || e.reason === "navigation") return true;
  return e.reason === "http-status" && (e.details.status === 429 || (e.details.status ?? 0) >= 500);
}

/** What the operator is told beside a success: how the page settled, and the requests refused for their address. */
function notesOf(live: LivePage): string[] {
  const { count, recorded } = live.behaviour.refused;
  const first = recorded[0];
  if (count === 0 || !first) return live.settle.notes;
  const refused =
    `${count} request${count === 1 ? " was" : "s were"} refused for ${count === 1 ? "its" : "their"} address, nothing ` +
    `requested from ${count === 1 ? "it" : "them"} (first: ${first.url}, ${first.address}, ${first.range})`;
  return [...live.settle.notes, refused];
}

export async function runCaptures(browser: LiveBrowser, targets: CaptureTarget[], o: BatchOptions): Promise<CaptureOutcome[]> {
  return mapLimit(targets, Math.max(1, o.concurrency), async (target) => {
    o.onStart?.(target);
    const settings = o.settingsFor(target);
    const source = formatLocation(target.where);
    let attempts = 0;
    let outcome: CaptureOutcome;
    for (;;) {
      attempts++;
      try {
        const live = await browser.capture(target.url, settings);
        const written = await o.write(target, live, settings).catch((e: Error) => {
          throw new CaptureFailure("storage", `the capture could not be written into the case: ${e.message}`);
        });
        outcome = {
          url: target.url,
          defendant: target.defendant,
          ok: true,
          status: live.status,
          finalUrl: live.finalUrl,
          folder: written.folder,
          record: written.recordDigest,
          attempts,
          startedAt: live.startedAt,
          endedAt: live.endedAt,
          source,
          ...(notesOf(live).length ? { notes: notesOf(live) } : {}),
          ...(written.timestamp ? { timestamp: written.timestamp } : {}),
        };
        break;
      } catch (e) {
        const failure = e instanceof CaptureFailure ? e : new CaptureFailure("browser", (e as Error).message?.split("\n")[0] ?? String(e));
        if (attempts <= o.retries && worthRetrying(failure)) {
          await new Promise((r) => setTimeout(r, o.backoffMs * 2 ** (attempts - 1)));
          continue;
        }
        outcome = {
          url: target.url,
          defendant: target.defendant,
          ok: false,
          reason: failure.reason,
          message: failure.message,
          ...(failure.details.status ? { status: failure.details.status } : {}),
          ...(failure.details.finalUrl ? { finalUrl: failure.details.finalUrl } : {}),
          attempts,
          source,
        };
        break;
      }
    }
    o.onOutcome?.(outcome);
    return outcome;
  });
}
