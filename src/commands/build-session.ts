/**
 * What a build runs with besides its case: a work folder (rendered documents; the whole cache with
 * --no-cache), the build cache, the printer (Chromium through the cache, started on the first print it does
 * not hold) and the store of the previous build's finished files; and what it needs before its first stage:
 * the signing identity and the build time.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Printer } from "../browser/index.js";
import { BuildCache, CACHE_DIR, OutputStore, cachedPrinter } from "../cache/index.js";
import type { BuildTime } from "../model/build-context.js";
import { InvalidInputError, UsageError } from "../util/errors.js";
import { resolveBuildTime } from "../util/time.js";
import type { CaseConfig } from "../model/case.js";
import type { Manifest } from "../model/manifest.js";
import type { Stamping } from "../seal/index.js";
import type { Logger } from "../util/log.js";
import type { BuildOptions } from "./build-options.js";

export interface BuildSession {
  /** Scratch space for this build only, removed when it ends. */
  work: string;
  /** The output root: the bundle goes to <out>/<case-id>/. */
  outRoot: string;
  cache: BuildCache;
  printer: Printer;
  outputs: OutputStore;
  /** After the new bundle is in place: record its files for the next build, prune and save the cache's journal. */
  finish(
    built: { tmp: string; dir: string },
    trees: readonly { dir: string; manifest: Manifest }[],
    keep: boolean,
    log: Logger,
  ): Promise<void>;
  close(): Promise<void>;
}

export async function openSession(opts: BuildOptions): Promise<BuildSession> {
  const work = await mkdtemp(join(tmpdir(), "exhibits-work-"));
  const outRoot = resolve(opts.cwd, opts.out ?? "out");
  const cacheDir = opts.cache === false ? join(work, "cache") : resolve(opts.cwd, opts.cache ?? join(outRoot, CACHE_DIR));
  const cache = new BuildCache(cacheDir, join(work, "spill")); // a cache that cannot be written spills into the work folder
  cache.hold(); // entries are put in place when the build succeeds (finish), else removed (close)
  // Prints the cache holds never reach Chromium; it starts on the first one it does not hold.
  const printer = await cachedPrinter(cache, opts.env ?? process.env);
  const outputs = new OutputStore(cache);
  return {
    work,
    outRoot,
    cache,
    printer,
    outputs,
    async finish(built, trees, keep, log) {
      // Where each file of the new tree is, with the digest the manifest has: the next build reuses the unchanged ones.
      const digests = new Map(trees.flatMap((t) => t.manifest.outputs.map((f) => [join(t.dir, f.path), f.sha256] as const)));
      await outputs.commit(built.tmp, built.dir, (p) => digests.get(p));
      if (keep) {
        await cache.prune();
        await cache.saveJournal();
      }
      await cache.release(true);
      log.info(`cache: ${cache.summary()} reused`);
      const warning = cache.warning();
      if (warning) log.info(warning);
    },
    async close() {
      await printer.close();
      await cache.release(false);
      await rm(work, { recursive: true, force: true });
    },
  };
}

/** The signing identity, read before any work so a wrong password stops the build at once. */
export async function loadSigner(opts: BuildOptions) {
  const sign = opts.sign;
  if (!sign) return undefined;
  const data = await readFile(resolve(opts.cwd, sign.p12)).catch(() => {
    throw new InvalidInputError(
      { file: sign.p12 },
      "cannot read this PKCS#12 file (--sign expects a .p12 or .pfx with the signer's key and certificate)",
    );
  });
  const password = (opts.env ?? process.env)[sign.passwordEnv];
  if (password === undefined)
    throw new UsageError(
      `--sign: set the PKCS#12 password in the environment variable ${sign.passwordEnv} (it is never taken on the command line)`,
    );
  const { readP12 } = await import("../pki/index.js"); // loaded when used (see pki/index.ts)
  return readP12(data, password, sign.p12);
}

/** SOURCE_DATE_EPOCH, else case.yaml's asOf, else the clock; a malformed epoch is a usage error. */
export function buildTime(env: NodeJS.ProcessEnv, asOf: string | undefined): BuildTime {
  try {
    return resolveBuildTime(env, asOf);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Who runs the build: --operator, else EXHIBITS_OPERATOR, else case.yaml `operator`; never the OS account. */
export function operatorOf(opts: BuildOptions, fromCase: string | undefined): { operator?: string } {
  const operator = [opts.operator, (opts.env ?? process.env).EXHIBITS_OPERATOR, fromCase].map((s) => s?.trim()).find(Boolean);
  return operator ? { operator } : {};
}

/** The TSAs to ask (case.yaml's and --tsa), and how. */
export function stampingOf(opts: BuildOptions, t: CaseConfig["timestamp"]): Stamping {
  return {
    tsas: [...new Set([...t.tsa, ...(opts.tsa ?? [])])],
    exhibits: t.exhibits,
    timeoutSeconds: t.timeoutSeconds,
    allowUntimestamped: Boolean(opts.allowUntimestamped),
  };
}
