/**
 * A case's place in the output folder, switched in one atomic step. `out/<case-id>` is a symbolic link to a
 * version folder beside it (`out/.<case-id>.v-XXXXXX`, relative); a build writes a new version folder and switches
 * the link with one rename(2), so at every instant `out/<case-id>` is either the complete old bundle or the complete
 * new one — never missing, never half of each. Both twins are in the one version folder and switch together.
 *
 * What the switch cannot make atomic with it (the case's custody log, outside the output folder) is handed over as
 * a "pending" note written beside the new version before the switch: whoever next holds the lock finishes it when
 * that version is the current one, and drops it otherwise. Everything else an interrupted build left (unfinished
 * version folders, the old version, the link being made, the temporary trees of earlier releases) is removed on start.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { lstat, readdir, readFile, readlink, rename, rm, symlink, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { EnvironmentError } from "../util/errors.js";

const VERSION = ".v-";
const PENDING = ".pending.json";

export interface OutputSlot {
  /** `out/<case-id>`: the link readers use. */
  readonly target: string;
  /** What a build that stopped after its switch left to finish (its pending note), for the caller to complete. */
  readonly unfinished: string | undefined;
  /** Call once the current version's note (the unfinished one, or the one `switchTo` wrote) is carried out. */
  settled(): Promise<void>;
  /** A new, empty version folder to build into. */
  begin(): string;
  /**
   * Put `version` in place: write its pending note (if any), switch the link, then remove the old version. The
   * caller carries out the note and then calls `settled()`.
   */
  switchTo(version: string, pending?: string): Promise<void>;
  /** Remove a version folder that will not be switched to (a failed or interrupted build); never the current one. */
  abandon(version: string): Promise<void>;
  /** The same, synchronously: for a process about to exit on a signal. */
  abandonNow(version: string): void;
}

const exists = (p: string) =>
  lstat(p).then(
    (s) => s,
    () => undefined,
  );

/**
 * Open the case's slot and tidy what an interrupted build left. Call only while holding the output folder's lock.
 */
export async function openSlot(outRoot: string, caseId: string): Promise<OutputSlot> {
  const target = join(outRoot, caseId);
  const prefix = `.${caseId}${VERSION}`;
  const current = await currentVersion(outRoot, caseId);
  const names = await readdir(outRoot);
  for (const n of names) {
    const mine = n.startsWith(prefix) || n.startsWith(`.${caseId}.building-`) || n === `.${caseId}.next`;
    if (!mine || n === current || n === `${current}${PENDING}`) continue;
    await rm(join(outRoot, n), { recursive: true, force: true });
  }
  const pendingPath = current ? join(outRoot, `${current}${PENDING}`) : undefined;
  const unfinished = pendingPath ? await readFile(pendingPath, "utf8").catch(() => undefined) : undefined;
  let now = current;
  return {
    target,
    unfinished,
    async settled() {
      if (now) await rm(join(outRoot, `${now}${PENDING}`), { force: true });
    },
    begin() {
      // mkdir, not mkdtemp: created with the user's umask (0755 by default), as every other folder of the bundle.
      // Synchronous, so the caller registers its removal before a signal's handler can run (util/interrupt.ts).
      const version = join(outRoot, `${prefix}${randomBytes(6).toString("hex")}`);
      mkdirSync(version);
      return version;
    },
    async switchTo(version, pending) {
      const name = basename(version);
      if (pending !== undefined) {
        await writeFile(`${version}${PENDING}.writing`, pending);
        await rename(`${version}${PENDING}.writing`, `${version}${PENDING}`);
      }
      const next = join(outRoot, `.${caseId}.next`);
      await rm(next, { force: true });
      await symlink(name, next);
      await rename(next, target); // the switch
      const old = now;
      now = name;
      if (old) await rm(join(outRoot, old), { recursive: true, force: true });
      if (old) await rm(join(outRoot, `${old}${PENDING}`), { force: true });
    },
    abandonNow(version) {
      if (basename(version) === now) return;
      rmSync(version, { recursive: true, force: true });
      rmSync(`${version}${PENDING}`, { force: true });
    },
    async abandon(version) {
      if (basename(version) === now) return; // switched in already: it is the bundle
      await rm(version, { recursive: true, force: true });
      await rm(`${version}${PENDING}`, { force: true });
    },
  };
}

/**
 * The version folder `out/<case-id>` names, after putting an earlier layout in this one: a real folder there (from
 * a release that renamed folders) becomes a version folder with the link in its place; a bundle left only as the
 * `.previous` copy of an interrupted rename is put back. Undefined when the case has no bundle yet.
 */
async function currentVersion(outRoot: string, caseId: string): Promise<string | undefined> {
  const target = join(outRoot, caseId);
  const s = await exists(target);
  if (s?.isSymbolicLink()) {
    const to = await readlink(target);
    const ours = !to.includes("/") && to.startsWith(`.${caseId}${VERSION}`) && (await exists(join(outRoot, to)))?.isDirectory();
    return ours ? to : undefined; // a link planted there (to anywhere else) is never followed: the switch replaces it
  }
  const legacy = `.${caseId}${VERSION}moved`;
  if (s?.isDirectory()) {
    const next = join(outRoot, `.${caseId}.next`);
    await rm(next, { force: true });
    await symlink(legacy, next);
    await rename(target, join(outRoot, legacy));
    await rename(next, target);
    return legacy;
  }
  if (s) throw new EnvironmentError(`${target} is not a folder or a link to one: move it away and build again`);
  // Nothing at the link: an interrupted move of the earlier layout, or a bundle left as `.building-….previous`.
  const names = await readdir(outRoot);
  const back = names.includes(legacy) ? legacy : names.find((n) => n.startsWith(`.${caseId}.building-`) && n.endsWith(".previous"));
  if (!back) return undefined;
  if (back !== legacy) await rename(join(outRoot, back), join(outRoot, legacy));
  await symlink(legacy, target);
  return legacy;
}

/** Only for tests and messages: the pending note's path of a version folder. */
export const pendingNoteOf = (version: string) => `${version}${PENDING}`;
