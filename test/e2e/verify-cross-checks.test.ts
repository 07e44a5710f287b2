/**
 * verify holds what a bundle says of itself to its files (src/integrity/exhibit-provenance.ts, verify-index.ts,
 * verify-custody.ts, verify-bundle-pages.ts), on private copies of the shared build of the fixture case: an exhibit
 * altered and rewritten as the build writes one (so the PDF alone passes), or the sealed twin's exhibit put in the
 * public tree, with the manifest and its .sha256 resealed to match, fails naming the exhibit index, the records
 * manifest, the custody log and bundle.pdf's pages; the untouched build passes, and the report says which checks are
 * anchored outside the bundle and which only show that its files agree with one another.
 */
import { cpSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatVerifyReport, verify, verifyJson } from "../../src/commands/verify.js";
import { verifyBundle, type VerifyReport } from "../../src/integrity/index.js";
import type { Manifest } from "../../src/model/manifest.js";
import { readPdfExtras } from "../../src/pdf/index.js";
import { runCli } from "../helpers/cli.js";
import { copyOf, sharedBuild } from "../helpers/shared-builds.js";
import { paintOver, reseal, rewriteAsBuilt } from "../hostile/tamper.js";

const shared = sharedBuild("valentino-v-kaitlyn-pan");

const EX2 = "exhibits/002 Kestrel Pan Group, LLC - Messages between the investigator and her supervisor coordinating the test.pdf";
const EX3 = "exhibits/003 Kestrel Pan Group, LLC - Amazon listing by KPG Boutique.pdf";
const CROSS_CHECKS = ["provenance", "exhibit-index", "custody-log", "bundle-pages"];

const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
const failed = (r: VerifyReport) => Object.fromEntries(r.checks.filter((c) => !c.ok).map((c) => [c.name, c.problems]));
const manifestOf = (tree: string) => JSON.parse(readFileSync(join(tree, "manifest.json"), "utf8")) as Manifest;

/** The line of the custody log's copy that records `item` as rendered (1-based, as the CSV reader counts). */
function renderedLine(tree: string, item: string): { line: number; seq: string } {
  const lines = readFileSync(join(tree, "appendices/custody-log.csv"), "utf8").split("\r\n");
  const at = lines.findIndex((l) => l.includes(",rendered,") && l.includes(item));
  return { line: at + 1, seq: lines[at]!.split(",")[0]! };
}

describe("verify: the bundle's own records held to its files", () => {
  it("passes the untouched build, and says which checks are anchored and which only show internal consistency", async () => {
    const dir = copyOf(shared.bundleDir);
    const result = await verify({ cwd: dir, target: "." });
    expect(result.reports.map((r) => [r.bundle, failed(r)])).toEqual([
      ["public", {}],
      ["sealed", {}],
    ]);
    for (const r of result.reports) {
      expect(r.checks.map((c) => c.name)).toEqual(expect.arrayContaining(CROSS_CHECKS));
      // The fixture is not timestamped nor signed: nothing anchors any check.
      expect(r.checks.every((c) => c.basis === "internal" && c.anchoredBy === undefined)).toBe(true);
      const detail = Object.fromEntries(r.checks.map((c) => [c.name, c.detail]));
      expect(detail["bundle-pages"]).toBe(
        r.bundle === "public"
          ? "34 pages of bundle.pdf compared with the 9 exhibit files' pages"
          : "17 pages of bundle.pdf compared with the 5 exhibit files' pages",
      );
      expect(detail["custody-log"]).toBe(
        `${r.bundle === "public" ? 9 : 5} exhibit file(s) and the bundle held to this build's entries (at 2026-04-12T13:20:00Z)`,
      );
      expect(detail["exhibit-index"]).toMatch(
        /^appendices\/exhibit-index\.csv: \d+ rows checked against \d+ exhibits; appendices\/records-manifest\.json/,
      );
    }
    const text = formatVerifyReport(result);
    expect(text).toContain("Anchored: none (no RFC 3161 token or signature verified; nothing outside the bundle vouches for it)");
    expect(text).toMatch(
      new RegExp(
        "Internal consistency only \\(the bundle's files agree with one another; whoever rewrites them all consistently passes " +
          "these\\): regular-files, .*hashes-match, .*provenance, exhibit-index, custody-log, bundle-pages",
      ),
    );
    const json = verifyJson(result) as { twins: { checks: { name: string; basis: string }[] }[] };
    expect(json.twins[0]!.checks.find((c) => c.name === "bundle-pages")!.basis).toBe("internal");
  });

  it("fails an exhibit altered and rewritten as built, the manifest resealed: indexes, custody log, bundle.pdf name it", async () => {
    const dir = copyOf(shared.bundleDir);
    const tree = join(dir, "public");
    const was = sha(join(tree, EX3));
    // A white box over part of the listing's second page, the file rewritten by the tool's own writer.
    await rewriteAsBuilt(join(tree, EX3), (doc) => paintOver(1, [72, 300, 300, 40], 1)(doc));
    reseal(tree);
    const now = sha(join(tree, EX3));
    const bytes = {
      was: manifestOf(join(shared.bundleDir, "public")).outputs.find((f) => f.path === EX3)!.bytes,
      now: readFileSync(join(tree, EX3)).length,
    };
    const r = await verifyBundle(tree, "public", { expectTwin: "public" });
    const custody = renderedLine(tree, `public/${EX3}`);
    // The PDF alone is as the build writes one, and the files match the resealed manifest: only the cross-checks see it.
    expect(failed(r)).toEqual({
      "exhibit-index": [
        `appendices/exhibit-index.csv line 4 (Exhibit 3): gives its exhibit PDF SHA-256 as ${was}; the file ${EX3} has ${now}`,
        `appendices/records-manifest.json exhibits[2] (Exhibit 3): gives public/${EX3} the SHA-256 ${was}; the file has ${now}`,
        `appendices/records-manifest.json exhibits[2] (Exhibit 3): gives public/${EX3} ${bytes.was} bytes; the file has ${bytes.now}`,
      ],
      "custody-log": [
        `appendices/custody-log.csv line ${custody.line} (seq ${custody.seq}): rendering public/${EX3} (Exhibit 3): ` +
          `records its PDF as ${was}; the file has ${now}`,
      ],
      "bundle-pages": [
        expect.stringMatching(
          new RegExp(
            `^Exhibit 3 \\(${EX3.replace(/[().]/g, "\\$&")}\\): page 2 is not bundle\\.pdf page 7 \\(VAL000007\\) \\(content differs: ` +
              "page digest [0-9a-f]{12}… in the exhibit, [0-9a-f]{12}… in bundle\\.pdf\\)$",
          ),
        ),
      ],
    });

    // As a paralegal runs it: exit 4, each disagreement named.
    const cli = runCli(["verify", tree]);
    expect(cli.code, cli.stdout + cli.stderr).toBe(4);
    expect(cli.stdout).toContain("FAIL  bundle-pages:");
    expect(cli.stdout).toContain(`Exhibit 3 (${EX3}): page 2 is not bundle.pdf page 7 (VAL000007)`);
    expect(cli.stdout).toContain("3 of 18 checks failed.");
  });

  it("fails the sealed twin's exhibit put in the public tree, the manifest resealed: a leak, even dressed as the public one", async () => {
    const dir = copyOf(shared.bundleDir);
    const pub = join(dir, "public");
    const publicSha = sha(join(pub, EX2));
    const sealedSha = sha(join(dir, "sealed", EX2));
    cpSync(join(dir, "sealed", EX2), join(pub, EX2));
    reseal(pub);
    const copied = failed(await verifyBundle(pub, "public", { expectTwin: "public" }));
    expect(Object.keys(copied).sort()).toEqual(["bundle-pages", "custody-log", "exhibit-index", "exhibit-pdfs", "twin"]);
    expect(copied.twin).toEqual([
      `${EX2}: its Keywords name the sealed twin, in the public tree (an exhibit of the sealed twin: unredacted)`,
      `${EX2}: an exhibit of the sealed twin in the public tree (unredacted, with the natives the public twin withholds)`,
    ]);
    expect(copied["exhibit-index"]![0]).toBe(
      `appendices/exhibit-index.csv line 3 (Exhibit 2): gives its exhibit PDF SHA-256 as ${publicSha}; the file ${EX2} has ${sealedSha}`,
    );
    expect(copied["bundle-pages"]).toEqual([
      expect.stringMatching(
        /^Exhibit 2 \(.+\): page 1 is not bundle\.pdf page 4 \(VAL000004\) .*; page 2 is not bundle\.pdf page 5 \(VAL000005\)/,
      ),
    ]);

    // The sealed pages rewritten with the public exhibit's own metadata (its provenance record and Keywords): the PDF
    // now says it is the public twin's, and only the bundle's other records show the leak.
    const dressed = copyOf(shared.bundleDir);
    const tree = join(dressed, "public");
    const publicMeta = await readPdfExtras(readFileSync(join(tree, EX2)), "ExhibitsProvenance");
    cpSync(join(dressed, "sealed", EX2), join(tree, EX2));
    await rewriteAsBuilt(
      join(tree, EX2),
      () => undefined,
      () => ({ keywords: publicMeta.keywords!, provenance: publicMeta.info! }),
    );
    reseal(tree);
    const r = failed(await verifyBundle(tree, "public", { expectTwin: "public" }));
    expect(Object.keys(r).sort()).toEqual(["bundle-pages", "custody-log", "exhibit-index"]);
    expect(r["custody-log"]).toEqual([
      expect.stringContaining(`rendering public/${EX2} (Exhibit 2): records its PDF as ${publicSha}; the file has`),
    ]);
    expect(r["bundle-pages"]).toEqual([
      expect.stringMatching(/^Exhibit 2 \(.+\): page 1 is not bundle\.pdf page 4 .*page 2 is not bundle\.pdf page 5/),
    ]);
  });
});
