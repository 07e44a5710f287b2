/**
 * Planted links at the paths a build writes: the custody log's temporary file, the custody log itself, the build
 * cache's entries, the bundle folder and its files, the bundle's temporary folder name. A build replaces the link or
 * refuses it; the file it pointed to, outside the case, stays byte for byte what it was (the runner checks
 * `outside`). The case and its output folder sit side by side in the runner's work folder (`case/`, `out/`).
 */
import { cpSync, lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { HostileCase } from "../case.js";
import { GOOD_CASE_ID } from "../good-case.js";

const VICTIM = "outside the case: must not change\n";
const victim = (outside: string) => {
  const path = join(outside, "victim.txt");
  writeFileSync(path, VICTIM);
  return path;
};
/** The runner's output folder for this case (beside the case folder). */
const outOf = (caseDir: string) => join(caseDir, "..", "out");

/** A new chat, so that the build has something to add to the custody log (an identical rebuild appends nothing). */
const newEvidence = (dir: string) =>
  writeFileSync(
    join(dir, "evidence/shop/05-more.csv"),
    "timestamp,sender,text\n2026-03-04T09:00:00-06:00,Investigator,Shipped yet?\n2026-03-04T09:05:00-06:00,Example Shop,Tomorrow\n",
  );

/** Every regular file under `root` (no links), relative. */
function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name), `${rel}${e.name}/`);
      else if (e.isFile()) out.push(`${rel}${e.name}`);
    }
  };
  walk(root, "");
  return out;
}

/** The bundle's place is the build's own link to a version folder beside it (src/output/slot.ts), not what was planted. */
const isOwnVersion = (path: string) => {
  const to = lstatSync(path).isSymbolicLink() ? readlinkSync(path) : "";
  return to.startsWith(`.${GOOD_CASE_ID}.v-`) && !to.includes("/") ? undefined : `${path} is not the build's link to its version folder`;
};

export const writeCases: HostileCase[] = [
  {
    id: "write-custody-temp-link",
    format: "writes",
    probe: true,
    make: (dir, { outside }) => {
      symlinkSync(victim(outside), join(dir, "custody-log.jsonl.writing"));
      newEvidence(dir);
    },
    expect: { exit: 0 },
  },
  {
    id: "write-custody-temp-dangling-link",
    format: "writes",
    make: (dir, { outside }) => {
      symlinkSync(join(outside, "created-by-the-build.txt"), join(dir, "custody-log.jsonl.writing"));
      newEvidence(dir);
    },
    expect: { exit: 0 },
  },
  {
    id: "write-custody-log-link",
    format: "writes",
    make: (dir, { outside }) => {
      const copy = join(outside, "custody-log.jsonl");
      cpSync(join(dir, "custody-log.jsonl"), copy);
      rmSync(join(dir, "custody-log.jsonl"));
      symlinkSync(copy, join(dir, "custody-log.jsonl"));
      newEvidence(dir);
    },
    expect: { exit: 3, message: /custody-log\.jsonl: is a symbolic link; it must be the file itself/ },
  },
  {
    id: "write-cache-entries-linked",
    format: "writes",
    make: (dir, { outside }) => {
      const target = victim(outside);
      const cache = join(outOf(dir), ".cache");
      for (const rel of filesUnder(cache)) {
        rmSync(join(cache, rel));
        symlinkSync(target, join(cache, rel));
      }
      newEvidence(dir);
    },
    expect: { exit: 0 },
  },
  {
    id: "write-bundle-folder-link",
    format: "writes",
    make: (dir, { outside }) => {
      const bundle = join(outOf(dir), GOOD_CASE_ID);
      cpSync(realpathSync(bundle), join(outside, "bundle"), { recursive: true });
      rmSync(bundle, { recursive: true });
      symlinkSync(join(outside, "bundle"), bundle);
    },
    expect: { exit: 0, check: (out) => isOwnVersion(join(out, GOOD_CASE_ID)) },
  },
  {
    id: "write-bundle-files-linked",
    format: "writes",
    make: (dir, { outside }) => {
      const target = victim(outside);
      const bundle = join(outOf(dir), GOOD_CASE_ID);
      for (const rel of filesUnder(bundle)) {
        rmSync(join(bundle, rel));
        symlinkSync(target, join(bundle, rel));
      }
    },
    expect: {
      exit: 0,
      check: (out) => {
        const bundle = join(out, GOOD_CASE_ID);
        const manifest = JSON.parse(readFileSync(join(bundle, "manifest.json"), "utf8")) as { outputs: { path: string }[] };
        const linked = manifest.outputs.filter((f) => lstatSync(join(bundle, f.path)).isSymbolicLink());
        return linked.length ? `still links: ${linked.map((f) => f.path).join(", ")}` : undefined;
      },
    },
  },
  {
    id: "write-bundle-temp-names-planted",
    format: "writes",
    make: (dir, { outside }) => {
      const target = victim(outside);
      for (const suffix of ["aaaaaa", "XXXXXX", "000000", "aaaaaa.previous"])
        symlinkSync(outside, join(outOf(dir), `.${GOOD_CASE_ID}.building-${suffix}`));
      symlinkSync(target, join(outOf(dir), `.${GOOD_CASE_ID}.building-bbbbbb`));
      newEvidence(dir);
    },
    expect: { exit: 0 },
  },
];
