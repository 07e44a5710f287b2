/**
 * A capture folder is made with the user's umask (issue 23): it was made by mkdtemp (0700) and renamed into
 * evidence/ as it was, so other users and a file server could not read the evidence it holds.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeCapture } from "../../src/capture/index.js";
import type { LivePage } from "../../src/model/capture.js";
import { tempDir } from "../helpers/cli.js";

const started = "2026-03-10T15:00:00.000Z";

/** The facts of a live page as capture writes them (no browser: only what writeCapture reads). */
const live = {
  requestedUrl: "https://shop.example/item/1",
  finalUrl: "https://shop.example/item/1",
  redirects: [],
  status: 200,
  statusText: "OK",
  headers: {},
  title: "Item",
  startedAt: started,
  endedAt: "2026-03-10T15:00:05.000Z",
  browser: "HeadlessChrome/1",
  userAgent: "test",
  viewport: { width: 1280, height: 800 },
  settle: {},
  hidden: [],
  clicked: [],
  page: { width: 1280, height: 800 },
  truncated: false,
  behaviour: { dialogs: [], popups: [], navigations: [] },
  screenshot: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  mhtml: "MIME-Version: 1.0\r\n\r\n",
  html: "<html></html>",
  text: { boxes: [] },
} as unknown as LivePage;

const mode = (p: string) => statSync(p).mode & 0o777;
const before = process.umask(0o022); // read by setting (process.umask() alone is deprecated), and put back
process.umask(before);
afterEach(() => {
  process.umask(before);
});

describe("a capture folder and its files have the user's umask", () => {
  it.each([
    ["022", "755", "644"],
    ["027", "750", "640"],
  ])("umask %s: the folder %s, every file %s", async (umask, folderMode, fileMode) => {
    process.umask(Number.parseInt(umask, 8));
    const caseDir = tempDir();
    const options = {
      caseDir,
      timeZone: "America/Chicago",
      operator: { name: "T", source: "flag" as const },
      banner: false,
      browserName: "c",
    };
    const written = await writeCapture(
      { url: live.requestedUrl, defendant: "d1", marks: [], hide: [], click: [], where: { file: "argument 1" } },
      live,
      {} as never,
      options,
    );
    const folder = join(caseDir, written.folder);
    expect(mode(folder).toString(8)).toBe(folderMode);
    const files = readdirSync(folder);
    expect(files).toContain("capture.json");
    for (const f of files) expect(mode(join(folder, f)).toString(8), f).toBe(fileMode);
  });
});
