/**
 * `exhibits capture <url…> --case <dir> --defendant <id>` or `--from list.csv`: capture live pages into
 * the case's evidence/<defendant>/ folders, where `build` finds them. Reads like its steps: load the case,
 * check the targets, start one browser, capture (bounded, retried), record every outcome.
 */
import { readdir, readFile, rm } from "node:fs/promises";
import { userInfo, availableParallelism, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { loadCase } from "../case/index.js";
import { openLiveBrowser, spkiPin } from "../browser/live-page.js";
import type { CaptureOutcome } from "../model/capture.js";
import {
  appendCaptureLog,
  pageSettings,
  runCaptures,
  targetsFromArgs,
  targetsFromCsv,
  writeCapture,
  CAPTURE_TEMP_PREFIX,
  type CaptureFlags,
  type CaptureTarget,
  type Operator,
  type TargetCheck,
} from "../capture/index.js";
import type { LoadedCase } from "../model/case.js";
import { acquireLock } from "../output/index.js";
import { InvalidInputError, UsageError } from "../util/errors.js";
import { onInterrupt } from "../util/interrupt.js";
import { LOCK_FILE } from "./output-lock.js";

export interface CaptureOptions {
  cwd: string;
  caseDir: string;
  urls: string[];
  from?: string;
  defendant?: string;
  marks: string[];
  note?: string;
  flags: CaptureFlags;
  banner: boolean;
  concurrency?: number;
  retries: number;
  backoffMs?: number;
  operator?: string;
  trustCerts: string[];
  /** When another capture holds the case folder: wait for it (`--wait`) instead of exiting 5. */
  wait?: boolean;
  env?: NodeJS.ProcessEnv;
  onStart?(target: CaptureTarget, total: number): void;
  onOutcome?(outcome: CaptureOutcome): void;
}

export interface CaptureResult {
  outcomes: CaptureOutcome[];
  ok: boolean;
}

/** Pages at once: one per core, at most 4, and fewer on a machine short of memory (≈ 400 MB per page). */
export function defaultConcurrency(): number {
  const byMemory = Math.floor(totalmem() / (400 * 2 ** 20));
  return Math.max(1, Math.min(4, availableParallelism(), byMemory));
}

export function resolveOperator(flag: string | undefined, env: NodeJS.ProcessEnv): Operator {
  if (flag?.trim()) return { name: flag.trim(), source: "flag" };
  if (env.EXHIBITS_OPERATOR?.trim()) return { name: env.EXHIBITS_OPERATOR.trim(), source: "environment" };
  let account = "unknown";
  try {
    account = userInfo().username;
  } catch {
    /* no account name on this system */
  }
  return { name: account, source: "os-account" };
}

/**
 * One capture run per case folder at a time (a lock in the case folder; `wait` waits for it); a capture killed
 * earlier may have left its temporary folder, which is removed first.
 */
export async function capture(o: CaptureOptions): Promise<CaptureResult> {
  const loaded = { ...(await loadCase(resolve(o.cwd, o.caseDir))), displayDir: o.caseDir };
  const lock = await acquireLock(join(loaded.dir, LOCK_FILE), {
    shown: `the case folder ${o.caseDir}`,
    what: "a capture",
    ...(o.wait ? { wait: true } : {}),
  });
  const undo = onInterrupt(() => lock.release());
  try {
    for (const name of await readdir(loaded.dir))
      if (name.startsWith(CAPTURE_TEMP_PREFIX)) await rm(join(loaded.dir, name), { recursive: true, force: true });
    return await captureLocked(o, loaded);
  } finally {
    undo();
    await lock.release();
  }
}

async function captureLocked(o: CaptureOptions, loaded: LoadedCase & { displayDir: string }): Promise<CaptureResult> {
  const env = o.env ?? process.env;
  const checks = await targetsOf(o, loaded.config);
  const targets = checks.flatMap((c) => (c.ok ? [c.target] : []));
  const rejected: CaptureOutcome[] = checks.flatMap((c) =>
    c.ok
      ? []
      : [
          {
            url: c.rejected.url ?? "",
            ...(c.rejected.defendant ? { defendant: c.rejected.defendant } : {}),
            ok: false,
            reason: c.rejected.reason,
            message: c.rejected.message,
            attempts: 0,
            source: c.rejected.where.file + (c.rejected.where.line ? `:${c.rejected.where.line}` : ""),
          },
        ],
  );
  const record = async (outcome: CaptureOutcome) => {
    await appendCaptureLog(loaded.dir, outcome);
    o.onOutcome?.(outcome);
  };
  for (const r of rejected) await record(r);

  const outcomes: CaptureOutcome[] = [];
  if (targets.length > 0) {
    const pins = await Promise.all(o.trustCerts.map((f) => readTrustedCert(resolve(o.cwd, f), f)));
    const browser = await openLiveBrowser({ trustedPins: pins, env });
    const closeOnStop = onInterrupt(() => browser.close());
    const operator = resolveOperator(o.operator, env);
    const pending: Promise<void>[] = [];
    try {
      outcomes.push(
        ...(await runCaptures(browser, targets, {
          concurrency: o.concurrency ?? defaultConcurrency(),
          retries: o.retries,
          backoffMs: o.backoffMs ?? 1000,
          settingsFor: (t) => pageSettings(loaded.config.capture, o.flags, t),
          write: (t, live, settings) =>
            writeCapture(t, live, settings, {
              caseDir: loaded.dir,
              timeZone: loaded.config.timeZone,
              operator,
              banner: o.banner,
              browserName: browser.name,
              tsas: loaded.config.timestamp.tsa,
              tsaTimeoutMs: loaded.config.timestamp.timeoutSeconds * 1000,
            }),
          onStart: (t) => o.onStart?.(t, targets.length),
          onOutcome: (outcome) => void pending.push(record(outcome)),
        })),
      );
    } finally {
      closeOnStop();
      await browser.close();
      await Promise.all(pending);
    }
  }
  const all = [...rejected, ...outcomes];
  return { outcomes: all, ok: all.length > 0 && all.every((x) => x.ok) };
}

async function targetsOf(o: CaptureOptions, config: Parameters<typeof targetsFromArgs>[0]): Promise<TargetCheck[]> {
  if (o.from && o.urls.length) throw new UsageError("give URLs on the command line or a list with --from, not both");
  if (o.from) {
    if (o.defendant || o.marks.length || o.note)
      throw new UsageError("with --from, each row names its own defendant, marks and note; drop --defendant, --marks and --note");
    const text = await readFile(resolve(o.cwd, o.from), "utf8").catch(() => {
      throw new InvalidInputError(
        { file: o.from as string },
        "cannot read the capture list; give a CSV file with the header url,defendant,marks,note",
      );
    });
    return targetsFromCsv(config, text, o.from);
  }
  if (o.urls.length === 0) throw new UsageError("give at least one URL to capture, or a list with --from <file.csv>");
  if (!o.defendant) throw new UsageError("say whose page this is: --defendant <id> (an id from case.yaml)");
  return targetsFromArgs(config, o.urls, { defendant: o.defendant, marks: o.marks, note: o.note });
}

async function readTrustedCert(abs: string, shown: string): Promise<string> {
  const pem = await readFile(abs, "utf8").catch(() => {
    throw new InvalidInputError({ file: shown }, "cannot read this certificate file (--trust-cert expects a PEM certificate)");
  });
  try {
    return spkiPin(pem);
  } catch {
    throw new InvalidInputError({ file: shown }, "is not a PEM certificate (expected -----BEGIN CERTIFICATE-----)");
  }
}
