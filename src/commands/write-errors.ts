/**
 * The machine refusing a write (a full disk, a read-only or foreign folder) is no bug: it ends the command with exit 5
 * and one line naming the folder and what to do, never a stack trace. The folders a command writes are named as the
 * user gave them; anything else by its own path.
 */
import { relative, sep } from "node:path";
import { EnvironmentError } from "../util/errors.js";

const FULL = new Set(["ENOSPC", "EDQUOT"]);
const REFUSED: Record<string, string> = {
  EROFS: "is on a read-only file system",
  EACCES: "may not be written by this user",
  EPERM: "may not be written by this user",
};

export interface WrittenFolder {
  /** Absolute path. */
  dir: string;
  /** As the user named it ("out", "the case folder my-case"). */
  shown: string;
}

/** The error as an EnvironmentError when it is the machine refusing a write, else unchanged. */
export function writeRefusal(e: unknown, folders: readonly WrittenFolder[], unchanged: string): unknown {
  const err = e as NodeJS.ErrnoException & { dest?: string };
  const code = err?.code;
  if (!code || (!FULL.has(code) && !REFUSED[code])) return e;
  const path = err.path ?? err.dest;
  const within = path ? folders.find((f) => path === f.dir || !relative(f.dir, path).startsWith(`..`)) : undefined;
  // A write through a stream says no path: the first folder named (the one the command writes most) is meant.
  const where = within ? within.shown : path ? path.split(sep).slice(0, -1).join(sep) || path : (folders[0]?.shown ?? "the output folder");
  const what = FULL.has(code)
    ? `${where}: no space left on its device (${code}); free some space there or give another folder`
    : `${where} ${REFUSED[code]} (${code}); give a folder you can write, or change its permissions`;
  return new EnvironmentError(`${what}. ${unchanged}`);
}
