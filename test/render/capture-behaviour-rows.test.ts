/** Cover rows for what a captured page did on its own (dialogs, pop-ups, navigations), from capture.json only. */
import { describe, expect, it } from "vitest";
import { pageSettings } from "../../src/capture/settings.js";
import type { CaptureRecord } from "../../src/model/capture.js";
import { behaviourRows, captureRows } from "../../src/render/capture-rows.js";
import { captureRecordSchema } from "../../src/schema/capture.js";
import { captureRecordSample } from "../schema/samples.js";

describe("behaviourRows", () => {
  it("says nothing for a record made before these were recorded, or when the page did nothing", () => {
    expect(behaviourRows(captureRecordSample())).toEqual([]);
    const quiet = {
      ...captureRecordSample(),
      dialogs: { count: 0, recorded: [] },
      popups: { count: 0, closed: 0, recorded: [] },
      navigations: { follow: false, count: 0, recorded: [] },
    };
    expect(behaviourRows(quiet)).toEqual([]);
  });

  it("names the first five dialogs and counts the rest; names closed windows and held or followed navigations", () => {
    const r = {
      ...captureRecordSample(),
      dialogs: {
        count: 1000,
        recorded: Array.from({ length: 50 }, (_, i) => ({
          type: "alert" as const,
          text: `Alert ${i + 1}`,
          atMs: 100 + i,
          answer: "dismissed" as const,
        })),
      },
      popups: {
        count: 2,
        closed: 2,
        recorded: [
          { url: "https://shop.example/ad", atMs: 300 },
          { url: "https://shop.example/b", atMs: 360 },
        ],
      },
      navigations: {
        follow: false,
        count: 1,
        recorded: [{ url: "https://shop.example/next", atMs: 1540, how: "script" as const, outcome: "held" as const }],
      },
    };
    expect(captureRecordSchema.safeParse(r).success).toBe(true);
    const rows = Object.fromEntries(behaviourRows(r).map((x) => [x.label, x.value]));
    expect(rows.Dialogs).toMatch(/^the page opened 1,000 dialogs, answered by the tool/);
    expect(rows.Dialogs).toContain('alert "Alert 5" at 0.1 s; 995 more in capture.json');
    expect(rows.Dialogs).not.toContain("Alert 6");
    expect(rows["Pop-up windows"]).toBe(
      "the page opened 2 windows; the tool closed 2 of them, each once the browser had made it, and captured none " +
        "(any dialog a pop-up opened was answered by the tool and is not recorded here): " +
        "https://shop.example/ad at 0.3 s; https://shop.example/b at 0.4 s",
    );
    expect(rows["Page navigations"]).toBe("held, the page kept on the document captured: script to https://shop.example/next at 1.5 s");
  });

  it("refuses a record that lists more dialogs than it counts", () => {
    const r = { ...captureRecordSample(), dialogs: { count: 0, recorded: [{ type: "alert", text: "x", atMs: 1, answer: "dismissed" }] } };
    const parsed = captureRecordSchema.safeParse(r);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["dialogs", "recorded"]);
  });
});

describe("followNavigation setting", () => {
  const target = { url: "https://shop.example/item/1", defendant: "d", marks: [], hide: [], click: [], where: { file: "x" } };
  const none = { hide: [], click: [], sites: [] };
  it("is off by default; the flag beats a matching site rule, which beats the case's setting", () => {
    expect(pageSettings(none, { hide: [], click: [] }, target).followNavigation).toBe(false);
    expect(pageSettings({ ...none, followNavigation: true }, { hide: [], click: [] }, target).followNavigation).toBe(true);
    const site = { ...none, followNavigation: true, sites: [{ match: "shop.example", hide: [], click: [], followNavigation: false }] };
    expect(pageSettings(site, { hide: [], click: [] }, target).followNavigation).toBe(false);
    expect(pageSettings(site, { hide: [], click: [], followNavigation: true }, target).followNavigation).toBe(true);
    const other = { ...none, sites: [{ match: "elsewhere.example", hide: [], click: [], followNavigation: true }] };
    expect(pageSettings(other, { hide: [], click: [] }, target).followNavigation).toBe(false);
  });
});

describe("refused requests, a changed address and stopped scripts", () => {
  const item = (record: CaptureRecord) =>
    ({ capture: { record, folder: "evidence/kpg/c1" }, related: [] }) as unknown as Parameters<typeof captureRows>[0];

  it("names the refused requests with their address and range, and counts the rest", () => {
    const recorded = Array.from({ length: 7 }, (_, i) => ({
      url: `http://10.0.0.${i + 1}/pixel.gif`,
      atMs: 500 + i * 100,
      host: `10.0.0.${i + 1}`,
      address: `10.0.0.${i + 1}`,
      range: "private (10.0.0.0/8, RFC 1918)",
    }));
    const r = { ...captureRecordSample(), refused: { count: 9, recorded } };
    expect(captureRecordSchema.safeParse(r).success).toBe(true);
    const row = behaviourRows(r).find((x) => x.label === "Refused requests")!;
    expect(row.value).toMatch(/^the tool refused 9 requests of the page for their address before they left \(nothing was requested/);
    expect(row.value).toContain("http://10.0.0.1/pixel.gif (10.0.0.1, private (10.0.0.0/8, RFC 1918)) at 0.5 s");
    expect(row.value).toContain("10.0.0.5/pixel.gif");
    expect(row.value).not.toContain("10.0.0.6/");
    expect(row.value).toMatch(/; 4 more in capture\.json$/);
    expect(behaviourRows({ ...captureRecordSample(), refused: { count: 0, recorded: [] } })).toEqual([]);
  });

  it("says the status and headers are the response's when the page changed its address, and when scripts were stopped", () => {
    const r: CaptureRecord = {
      ...captureRecordSample(),
      requestedUrl: "https://shop.example/item/123",
      redirects: [],
      finalUrl: "https://shop.example/item/123?n=7",
      responseUrl: "https://shop.example/item/123",
      settle: { loadEvent: true, networkQuiet: true, pending: [], scrolledTo: 0, notes: [], scriptsStoppedAtMs: 2350 },
    };
    expect(captureRecordSchema.safeParse(r).success).toBe(true);
    const rows = Object.fromEntries(captureRows(item(r)).map((x) => [x.label, x.value]));
    // The response answered the URL requested: no redirect row; the change of address has its own.
    expect(rows.Redirects).toBeUndefined();
    expect(rows["Address changed"]).toBe(
      "the page changed its address within the document after it arrived: the HTTP status and headers recorded are of the " +
        "response for https://shop.example/item/123; the address when captured was https://shop.example/item/123?n=7",
    );
    expect(rows.Capture).toContain(
      "the page's scripts stopped at 2.4 s, before the screenshot: the screenshot, text, MHTML and DOM are of the page as it stood then",
    );
    // A record made before either was recorded says neither.
    const old = Object.fromEntries(captureRows(item(captureRecordSample())).map((x) => [x.label, x.value]));
    expect(old["Address changed"]).toBeUndefined();
    expect(old.Capture).not.toContain("scripts stopped");
    expect(old.Redirects).toBe("302 https://shop.example/item/123 → 200 https://shop.example/item/123?ref=x");
  });
});

describe("allowPrivate setting", () => {
  const target = { url: "http://127.0.0.1:8080/item", defendant: "d", marks: [], hide: [], click: [], where: { file: "x" } };
  it("is off unless the flag says so (a case folder cannot turn it on)", () => {
    const none = { hide: [], click: [], sites: [] };
    expect(pageSettings(none, { hide: [], click: [] }, target).allowPrivate).toBe(false);
    expect(pageSettings(none, { hide: [], click: [], allowPrivate: true }, target).allowPrivate).toBe(true);
  });
});
