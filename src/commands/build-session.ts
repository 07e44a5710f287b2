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
import type { BuildOptions } from "./build.js";

export interface BuildSession {
  /** Scratch space for this build only, removed when it ends. */
  work: string;
  /** The output root: the bundle goes to <out>/<case-id>/. */
  outRoot: string;
  cache: BuildCache;
  printer: Printer;
  outputs: OutputStore;
  close(): Promise<void>;
}

export async function openSession(opts: BuildOptions): Promise<BuildSession> {
  const work = await mkdtemp(join(tmpdir(), "exhibits-work-"));
  const outRoot = resolve(opts.cwd, opts.out ?? "out");
  const cacheDir = opts.cache === false ? join(work, "cache") : resolve(opts.cwd, opts.cache ?? join(outRoot, CACHE_DIR));
  const cache = new BuildCache(cacheDir);
  // Prints the cache holds never reach Chromium; it starts on the first one it does not hold.
  const printer = await cachedPrinter(cache, opts.env ?? process.env);
  return {
    work,
    outRoot,
    cache,
    printer,
    outputs: new OutputStore(cache),
    async close() {
      await printer.close();
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
