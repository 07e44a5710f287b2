/**
 * Build into a temporary folder beside the target, then swap it into place with renames: a failed build
 * leaves the previous bundle exactly as it was, and readers never see a half-written one.
 */
import { mkdir, mkdtemp, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export async function withAtomicDir<T>(target: string, build: (tmp: string) => Promise<T>): Promise<T> {
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const tmp = await mkdtemp(join(parent, `.${basename(target)}.building-`));
  let result: T;
  try {
    result = await build(tmp);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (exists) {
    const old = `${tmp}.previous`;
    await rename(target, old);
    try {
      await rename(tmp, target);
    } catch (e) {
      await rename(old, target);
      throw e;
    }
    await rm(old, { recursive: true, force: true });
  } else {
    await rename(tmp, target);
  }
  return result;
}
