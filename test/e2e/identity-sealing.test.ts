/**
 * Schedule A identity sealing end to end, on the run's shared build of schedule-a-25 (`sealing: { identities: true }`):
 * no name, alias, seller ID, store URL or store domain of any defendant in any layer of any public output (PDF text,
 * Info and XMP metadata, bookmarks, attachment names, CSV/XLSX/JSON cells, file names), each of them in the sealed
 * tree; every exhibit's Bates numbers the same in both trees; both trees verify.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCase } from "../../src/case/index.js";
import type { Manifest } from "../../src/model/manifest.js";
import { identityTargets } from "../../src/plan/index.js";
import { copyFixture, tempDir } from "../helpers/cli.js";
import { runBuild, runVerify } from "../helpers/commands.js";
import { folded, layersOf } from "../helpers/output-layers.js";
import { sharedBuild } from "../helpers/shared-builds.js";

const shared = sharedBuild("schedule-a-25");
const tree = (twin: string) => join(shared.bundleDir, twin);
const manifest = (twin: string) => JSON.parse(readFileSync(join(tree(twin), "manifest.json"), "utf8")) as Manifest;

describe("schedule-a-25 with identity sealing", () => {
  it("names no defendant's identity in any layer of any public output, and each of them in the sealed tree", async () => {
    const { config } = await loadCase(shared.caseDir);
    const targets = identityTargets(config);
    // 25 names, 25 aliases (the names in lower case), 25 seller IDs, 25 store URLs; every store is on a marketplace.
    expect(targets.length).toBe(100);
    const hunted = targets.map((t) => ({ t, f: folded(t) }));
    const layers = layersOf(tree("public"));
    expect(new Set(layers.map((l) => l.layer))).toEqual(new Set(["file name", "text", "info", "xmp", "bookmarks", "attachments", "cells"]));
    expect(layers.filter((l) => l.layer === "text").length).toBeGreaterThanOrEqual(52);
    const hits = layers.flatMap((l) => {
      const text = folded(l.text);
      return hunted.filter(({ f }) => text.includes(f)).map(({ t }) => `${l.file} (${l.layer}): ${t}`);
    });
    expect(hits).toEqual([]);
    // The hunt finds what is there: every identity is in the sealed tree (its Schedule A, covers and pages).
    const sealed = folded(
      layersOf(tree("sealed"))
        .map((l) => l.text)
        .join("\n"),
    );
    expect(hunted.filter(({ f }) => !sealed.includes(f)).map(({ t }) => t)).toEqual([]);
  }, 600_000); // every layer of two trees of 25 defendants, read with poppler

  it("names defendants by their Doe designation and lists every sealed exhibit by a slip sheet with its Bates range", () => {
    const pub = manifest("public");
    expect(pub.exhibits).toHaveLength(50);
    expect(pub.exhibits.every((e) => e.filedUnderSeal && e.pages === 1 && e.sources.length === 0)).toBe(true);
    expect(pub.exhibits[0]!.file.path).toBe(
      "exhibits/001 Doe No. 1 (Schedule A) - Filed under seal - Amazon listing by Doe No. 1 (Schedule A).pdf",
    );
    const index = readFileSync(join(tree("public"), "appendices/exhibit-index.csv"), "utf8");
    expect(index).toMatch(
      /\r\n1,Filed under seal: Amazon listing by Doe No\. 1 \(Schedule A\),Doe No\. 1 \(Schedule A\),ORV0000001,ORV0000002,2,/,
    );
    const schedule = readFileSync(join(tree("public"), "appendices/schedule-a.csv"), "utf8")
      .trim()
      .split("\r\n");
    expect(schedule[0]).toBe("No.,Platform");
    expect(schedule).toHaveLength(26);
    const damages = readFileSync(join(tree("public"), "appendices/damages.csv"), "utf8");
    expect(damages).toContain(",doe-25,Doe No. 25 (Schedule A),");
    const slip = execFileSync("pdftotext", ["-layout", join(tree("public"), pub.exhibits[0]!.file.path), "-"], { encoding: "utf8" });
    expect(slip.replace(/\s+/g, " ")).toMatch(
      /FILED UNDER SEAL Exhibit 1 is filed under seal\. In the sealed filing it is Bates-numbered ORV0000001 – ORV0000002 \(2 pages/,
    );
    expect(slip).toMatch(/ORV0000001–ORV0000002\s*$/);
  });

  it("gives every exhibit the same Bates numbers in both trees, and verify passes both", async () => {
    const [pub, sealed] = [manifest("public"), manifest("sealed")];
    expect(sealed.twin).toBe("sealed");
    const sealedByLabel = new Map(sealed.exhibits.map((e) => [e.label, e]));
    expect(sealedByLabel.size).toBe(50);
    for (const e of pub.exhibits) {
      const s = sealedByLabel.get(e.label)!;
      expect(s.bates, e.label).toEqual(e.bates);
      expect(s.pages, e.label).toBe(e.filedUnderSeal!.pages);
    }
    expect([pub.bates.first, pub.bates.last, pub.bates.pages]).toEqual([sealed.bates.first, sealed.bates.last, sealed.bates.pages]);
    for (const twin of ["public", "sealed"]) {
      const r = await runVerify(tree(twin));
      expect(r.code, r.stdout).toBe(0);
    }
    const both = await runVerify(shared.bundleDir);
    expect(both.code, both.stdout).toBe(0);
    expect(both.stdout.match(/All 18 checks passed/g)).toHaveLength(2);
  });
});

describe("the Valentino fixture with identity sealing", () => {
  it("builds, its public redaction log naming items as the public tree does (no seller's handle in an export's path)", async () => {
    const caseDir = copyFixture();
    writeFileSync(join(caseDir, "case.yaml"), `${readFileSync(join(caseDir, "case.yaml"), "utf8")}\nsealing: { identities: true }\n`);
    const out = tempDir();
    const built = await runBuild({ caseDir, out });
    expect(built.code, built.stderr).toBe(0);
    const log = (twin: string) => readFileSync(join(out, "valentino-v-kaitlyn-pan", twin, "redaction-log.csv"), "utf8");
    expect(log("sealed")).toContain("kpgboutique_17841400000000001/message_1.json");
    expect(log("public")).not.toMatch(/kpgboutique/i);
    expect(log("public").split("\n").length).toBe(log("sealed").split("\n").length);
  }, 600_000);
});
