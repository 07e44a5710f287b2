/**
 * The system tesseract (Debian's `tesseract-ocr` 5.x with its language packages): found on PATH, or at
 * EXHIBITS_TESSERACT; its version and installed languages read once. Never downloads a model.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { EnvironmentError } from "../util/errors.js";
import { isExecutable, onPath } from "../util/executable.js";

const run = promisify(execFile);

export interface Tesseract {
  path: string;
  version: string;
  languages: string[];
}

export const INSTALL_HINT =
  "install it with `sudo apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim` (Debian/Ubuntu), " +
  "or set EXHIBITS_TESSERACT to a tesseract 5 binary";

function located(env: NodeJS.ProcessEnv): string | undefined {
  const fromEnv = env.EXHIBITS_TESSERACT?.trim();
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new EnvironmentError(
      `EXHIBITS_TESSERACT is set to ${fromEnv}, which is not an executable file; point it at tesseract or unset it`,
    );
  }
  return onPath("tesseract", env);
}

const found = new Map<string, Promise<Tesseract | undefined>>();

/** The installed tesseract, or undefined when there is none (a broken one is an EnvironmentError). */
export function findTesseract(env: NodeJS.ProcessEnv = process.env): Promise<Tesseract | undefined> {
  const path = located(env);
  if (!path) return Promise.resolve(undefined);
  let p = found.get(path);
  if (!p) {
    p = describe(path);
    found.set(path, p);
  }
  return p;
}

async function describe(path: string): Promise<Tesseract> {
  try {
    const version = await run(path, ["--version"], { env: { ...process.env, OMP_THREAD_LIMIT: "1" } });
    const m = /tesseract\s+v?(\d+\.\d+(?:\.\d+)?)/i.exec(`${version.stdout}\n${version.stderr}`);
    if (!m) throw new Error(`unexpected --version output: ${version.stdout.slice(0, 80)}`);
    const major = Number(m[1]!.split(".")[0]);
    if (major < 4)
      throw new EnvironmentError(`${path} is tesseract ${m[1]}; exhibits needs tesseract 5 (or 4.1 at least): ${INSTALL_HINT}`);
    const langs = await run(path, ["--list-langs"]);
    const languages = listedLanguages(`${langs.stdout}`);
    return { path, version: m[1]!, languages };
  } catch (e) {
    if (e instanceof EnvironmentError) throw e;
    throw new EnvironmentError(`${path} does not run as tesseract (${(e as Error).message.split("\n")[0]}): ${INSTALL_HINT}`);
  }
}

/**
 * The languages `tesseract --list-langs` prints below its heading ('List of available languages in "…" (3):'), without
 * `osd` (orientation and script detection is no language to read text in).
 */
export function listedLanguages(stdout: string): string[] {
  return stdout
    .split("\n")
    .filter((l) => !/^List of available languages/i.test(l))
    .map((l) => l.trim())
    .filter((l) => /^[A-Za-z0-9_]+$/.test(l) && l !== "osd")
    .sort();
}
