/**
 * The certification of a real build whose evidence is one live capture (`exhibits capture` against a local site) and
 * one bare screenshot with a sidecar: the capture's sentences (captured live, the capturing computer from capture.json,
 * first digest at capture) are said of the capture alone, in the first person of its operator who certifies; the bare
 * screenshot gets typed facts stated as typed, by whom the sidecar says, and blanks for counsel.
 */
import { LIVE_EPOCH } from "../../helpers/cli.js";
import { execFileSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capture } from "../../../src/commands/capture.js";
import type { CaptureOutcome, CaptureRecord } from "../../../src/model/capture.js";
import { makeCaptureCase } from "../../helpers/capture-case.js";
import { ROOT, tempDir } from "../../helpers/cli.js";
import { runBuild } from "../../helpers/commands.js";
import { startSiteServer, type SiteServer } from "../../helpers/site-server.js";

let server: SiteServer;
let record: CaptureRecord;
let outcome: CaptureOutcome;
let cert: string;

/** Text without page numbers, white space or hyphens (poppler joins a word hyphenated at a line end, a URL's too). */
const flat = (t: string) => t.replace(/Page \d+ of \d+/g, "").replace(/[\s-]+/g, "");

beforeAll(async () => {
  server = await startSiteServer();
  const caseDir = makeCaptureCase();
  appendFileSync(
    join(caseDir, "case.yaml"),
    "certification:\n  certifier:\n    name: Dana Investigator\n    title: Investigator\n    employer: Glint Research LLC\n" +
      "    qualifications: [Six years capturing marketplace listings]\n  signedAt: { city: Chicago, state: Illinois }\n",
  );
  const r = await capture({
    cwd: caseDir,
    caseDir,
    urls: [`${server.url}/marketplace/generic-listing.html`],
    defendant: "glint",
    marks: ["screw"],
    flags: { hide: [], click: [], allowPrivate: true },
    banner: false,
    retries: 0,
    trustCerts: [],
    operator: "Dana Investigator",
  });
  outcome = r.outcomes[0]!;
  expect(outcome.ok, outcome.message).toBe(true);
  record = JSON.parse(readFileSync(join(caseDir, outcome.folder!, "capture.json"), "utf8")) as CaptureRecord;
  // A bare screenshot: a PNG someone saved, its URL, time and maker typed in a sidecar.
  mkdirSync(join(caseDir, "evidence/other"), { recursive: true });
  copyFileSync(
    join(ROOT, "fixtures/cases/valentino-v-kaitlyn-pan/evidence/studline/02-website-checkout.png"),
    join(caseDir, "evidence/other/shot.png"),
  );
  writeFileSync(
    join(caseDir, "evidence/other/shot.png.meta.yaml"),
    "kind: listing\nurl: https://shop.example/item/7\ncapturedAt: 2026-02-01T10:00:00Z\ncapturedBy: Sam Fieldworker\nmarks: [screw]\n",
  );
  const out = join(tempDir(), "out");
  const built = await runBuild({ env: LIVE_EPOCH, caseDir, out, quiet: true });
  expect(built.code, built.stderr).toBe(0);
  // Anything the built-in rules find on the screenshot (OCR) makes twins; the certification is the same in each.
  const dir = built.result!.bundleDir;
  const tree = existsSync(join(dir, "sealed")) ? join(dir, "sealed") : dir;
  cert = execFileSync("pdftotext", ["-enc", "UTF-8", join(tree, "appendices/certification.pdf"), "-"], { encoding: "utf8" });
}, 300_000);

afterAll(async () => {
  await server?.close();
});

describe("certification of a live capture beside a bare screenshot", () => {
  it("says of the capture alone that it was captured live, by me, with the capturing computer's facts from capture.json", () => {
    const c = flat(cert);
    const captures = c.slice(c.indexOf("arelivecaptures"), c.indexOf("providedasscreenshotfiles"));
    expect(captures).toContain(flat(`I captured the page requested at ${record.requestedUrl}`));
    expect(captures).toContain(flat(`browser ${record.browser.name} ${record.browser.version}`));
    expect(captures).toContain(flat(`operating system ${record.host.platform} ${record.host.release}`));
    expect(captures).toContain(flat(`viewport ${record.browser.viewport.width} × ${record.browser.viewport.height} px`));
    expect(captures).toContain(flat("egress IP address not recorded; logged-in account not recorded"));
    expect(captures).not.toContain("Ex.2(shot.png)");
    expect(c).toMatch(/Ex\.1\(screenshot\.png\),thecapturetoolrecordedeachfile'sSHA256digest.*notalteredbetweencaptureandrendering/);
    expect(c).toContain(flat("the capture record, written by the capture tool at the time of capture: Ex. 1 (screenshot.png)"));
  });

  it("states the bare screenshot's URL and time as typed by whom its sidecar names, never 'I', with a blank for counsel", () => {
    const c = flat(cert);
    expect(c).toContain(
      flat(
        "Ex. 2 (shot.png), a PNG file: its URL, https://shop.example/item/7, and its capture time, 2026-02-01 10:00:00 UTC " +
          "(2026-02-01 04:00:00 UTC−06:00 (America/Chicago)), are as typed in its sidecar, shot.png.meta.yaml, which names Sam " +
          "Fieldworker as who captured it (who typed the sidecar is not recorded).",
      ),
    );
    expect(c).toContain(
      flat("what each shows is authenticated by the declaration of the person who saw the page (Fed. R. Evid. 901(b)(1))"),
    );
    expect(c).toContain(flat("The records name Sam Fieldworker as having obtained the items Part B attributes to that person"));
    expect(c).toMatch(/ForEx\.2\(shot\.png\),nodigestwastakenatcapture/);
    // Every file of the capture folder is an original in Table 1: capture.json, the MHTML, the DOM and text too.
    const table1 = flat(cert.slice(cert.indexOf("Table 1 — Original files"), cert.indexOf("Table 2 — Exhibit PDFs")));
    for (const name of Object.keys(record.files)) expect(table1).toContain(flat(`${outcome.folder}/${name}`));
    expect(table1).toContain(flat(`${outcome.folder}/capture.json`));
  });
});
