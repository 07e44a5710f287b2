/**
 * Every folder and file of a built bundle has the user's umask (issue 23): 0755/0644 under umask 022, 0750/0640
 * under 027 — other users and a file server read what the user lets them, never less (a version folder made by
 * mkdtemp was 0700) and never more. The build cache under out/.cache follows the umask too: it holds derivatives of
 * the same evidence, no more private than the bundle. A rebuild under another umask reuses the previous build's
 * files, and a hard link would carry their old mode: those are copied with the new one instead.
 */
import { lstatSync, readdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { copyFixture, hashTree, tempDir } from "../helpers/cli.js";
import { runBuild } from "../helpers/commands.js";

const CASE_ID = "valentino-v-kaitlyn-pan";

/** "d 755" / "f 644" → the paths (relative to root) that have it; root itself included as ".". */
function modes(root: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (rel: string, abs: string) => {
    const s = lstatSync(abs);
    const key = `${s.isDirectory() ? "d" : s.isFile() ? "f" : "other"} ${(s.mode & 0o7777).toString(8)}`;
    out.set(key, [...(out.get(key) ?? []), rel]);
    if (s.isDirectory()) for (const n of readdirSync(abs)) add(rel === "." ? n : `${rel}/${n}`, join(abs, n));
  };
  add(".", root);
  return out;
}

const before = process.umask(0o022); // read by setting (process.umask() alone is deprecated), and put back
process.umask(before);
afterEach(() => {
  process.umask(before);
});

describe("output modes follow the umask", () => {
  it("umask 027: every folder 0750 and file 0640 (cache too); then a rebuild under 022: 0755 and 0644", { timeout: 900_000 }, async () => {
    const caseDir = copyFixture();
    const out = join(tempDir(), "out");

    process.umask(0o027);
    const first = await runBuild({ caseDir, out, quiet: true });
    expect(first.code, first.stderr).toBe(0);
    const bundle = realpathSync(join(out, CASE_ID));
    const strict = modes(bundle);
    expect([...strict.keys()].sort()).toEqual(["d 750", "f 640"]);
    expect(strict.get("f 640")).toContain("public/manifest.json");
    expect([...modes(join(out, ".cache")).keys()].sort()).toEqual(["d 750", "f 640"]);
    const bytes = hashTree(bundle);

    process.umask(0o022);
    const second = await runBuild({ caseDir, out, quiet: true });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toBe("");
    const rebuilt = realpathSync(join(out, CASE_ID));
    expect(rebuilt).not.toBe(bundle);
    const open = modes(rebuilt);
    expect([...open.keys()].sort()).toEqual(["d 755", "f 644"]);
    expect(hashTree(rebuilt)).toEqual(bytes); // reused files, copied with the new mode: the same bytes
  });
});
