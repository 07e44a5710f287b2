/** Capture targets from the command line and from a CSV list: each bad row is rejected on its own, naming file and line. */
import { describe, expect, it } from "vitest";
import { captureFolderName, checkUrl, pageSettings, ruleMatches, targetsFromArgs, targetsFromCsv } from "../../src/capture/index.js";
import { config } from "../helpers/items.js";
import { errorOf } from "../helpers/errors.js";

const cfg = config({ marks: [{ id: "screw", name: "SCREW", registration: "1", goodsClass: [14] }] });

describe("checkUrl", () => {
  it.each([
    ["https://shop.example/item/1", true],
    ["http://127.0.0.1:8080/x?y=1", true],
    ["notaurl", false],
    ["ftp://shop.example/file", false],
    ["javascript:alert(1)", false],
    ["https://user:pw@shop.example/", false],
    ["", false],
  ])("%s → accepted %s", (url, ok) => {
    expect("url" in checkUrl(url)).toBe(ok);
  });
});

describe("targetsFromCsv", () => {
  const csv = [
    "url,defendant,marks,note",
    "https://shop.example/a,a,screw,first",
    "https://shop.example/b,b",
    "not a url,a,,",
    "https://shop.example/c,nobody,,",
    "https://shop.example/d,a,nomark,",
    '"https://shop.example/e",b,"screw",has, comma',
    "https://shop.example/f,b,,",
  ].join("\n");
  const checks = targetsFromCsv(cfg, csv, "list.csv");

  it("keeps good rows and rejects each bad one naming file and line", () => {
    expect(checks.map((c) => c.ok)).toEqual([true, false, false, false, false, false, true]);
    const msgs = checks.flatMap((c) => (c.ok ? [] : [c.rejected.message]));
    expect(msgs[0]).toMatch(/^list\.csv:3: expected 4 columns \(url, defendant, marks, note\), found 2/);
    expect(msgs[1]).toMatch(/^list\.csv:4: 'not a url' is not a valid URL/);
    expect(msgs[2]).toMatch(/^list\.csv:5 \(field defendant\): 'nobody' is not a defendant id/);
    expect(msgs[3]).toMatch(/^list\.csv:6 \(field marks\): unknown mark id 'nomark'/);
    expect(msgs[4]).toMatch(/^list\.csv:7: expected 4 columns/);
  });

  it("reads marks, note and per-row selectors", () => {
    const t = targetsFromCsv(
      cfg,
      'url,defendant,marks,note,hide,click\nhttps://x.example/,a,screw,n1,"#cookie, .chat;#promo",#more\n',
      "l.csv",
    )[0];
    expect(t.ok && t.target).toMatchObject({
      url: "https://x.example/",
      defendant: "a",
      marks: ["screw"],
      note: "n1",
      hide: ["#cookie, .chat", "#promo"],
      click: ["#more"],
    });
  });

  it("refuses a list without the needed columns as a whole", () => {
    expect(errorOf(() => targetsFromCsv(cfg, "address,who\nhttps://x.example/,a\n", "l.csv")).message).toMatch(
      /^l\.csv:1: missing columns url, defendant, marks, note/,
    );
  });
});

describe("targetsFromArgs", () => {
  it("checks the defendant and marks given by flags", () => {
    const [good, bad] = targetsFromArgs(cfg, ["https://x.example/", "mailto:a@b.c"], { defendant: "a", marks: ["screw"] });
    expect(good.ok).toBe(true);
    expect(!bad.ok && bad.rejected.reason).toBe("invalid-url");
    const [unknown] = targetsFromArgs(cfg, ["https://x.example/"], { defendant: "zzz", marks: [] });
    expect(!unknown.ok && unknown.rejected.message).toMatch(/'zzz' is not a defendant id in case\.yaml; known ids: b, a/);
  });
});

describe("settings", () => {
  it("matches site rules by host (with subdomains) or URL prefix", () => {
    expect(ruleMatches("shop.example", "https://www.shop.example/x")).toBe(true);
    expect(ruleMatches("shop.example", "https://notshop.example/x")).toBe(false);
    expect(ruleMatches("https://shop.example/item/", "https://shop.example/item/9")).toBe(true);
    expect(ruleMatches("https://shop.example/item/", "https://shop.example/cart")).toBe(false);
  });

  it("adds selectors from the case, matching sites, flags and the row; flags override scalar settings", () => {
    const capture = {
      hide: ["#cookie"],
      click: [],
      settleSeconds: 5,
      sites: [
        { match: "shop.example", hide: ["#chat"], click: ["#more"] },
        { match: "other.example", hide: ["#no"], click: [] },
      ],
    };
    const s = pageSettings(
      capture,
      { hide: ["#promo"], click: [], maxHeight: 20_000 },
      { url: "https://shop.example/a", defendant: "a", marks: [], hide: ["#row"], click: [], where: { file: "x" } },
    );
    expect(s.hide).toEqual(["#cookie", "#chat", "#promo", "#row"]);
    expect(s.click).toEqual(["#more"]);
    expect(s.settleTimeoutMs).toBe(5000);
    expect(s.maxHeight).toBe(20_000);
    expect(s.viewport).toEqual({ width: 1366, height: 900 });
  });
});

describe("captureFolderName", () => {
  it("sorts by time and says where the page came from", () => {
    expect(captureFolderName("2026-11-25T17:15:24.627Z", "https://www.shop.example/item/Bangle-123.html?ref=x")).toBe(
      "20261125T171524Z-shop.example-item-bangle-123",
    );
    expect(captureFolderName("2026-01-02T03:04:05.000Z", "http://127.0.0.1:8080/")).toBe("20260102T030405Z-127.0.0.1");
  });

  it("keeps a path whose %-escapes do not decode, and stays short whatever the path", () => {
    expect(captureFolderName("2026-01-02T03:04:05.000Z", "https://shop.example/%E0%A4%A/x")).toBe(
      "20260102T030405Z-shop.example-e0-a4-a-x",
    );
    expect(captureFolderName("2026-01-02T03:04:05.000Z", `https://shop.example/${"商".repeat(300)}`).length).toBeLessThanOrEqual(77);
  });
});
