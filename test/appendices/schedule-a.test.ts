/**
 * Schedule A as filed: who each defendant is and where it sells (alias and legal name in cells of their own, the own
 * website's domain and registrar), nothing about the evidence; URLs cut only after "/", "?" or "&".
 */
import { describe, expect, it } from "vitest";
import {
  scheduleAColumns,
  scheduleACsv,
  scheduleAPdfRows,
  scheduleARows,
  urlPieces,
  wordPieces,
  SCHEDULE_A_HEADERS,
} from "../../src/appendices/schedule-a.js";
import { config } from "../helpers/items.js";

const cfg = config({
  defendants: [
    {
      id: "kpg",
      name: "Kestrel Pan Group, LLC",
      aliases: ["KPG Boutique"],
      platform: "Amazon",
      sellerId: "A3KPG7",
      storeUrl: "https://www.amazon.com/sp?seller=A3KPG7",
    },
    { id: "stud", name: "Studline Outlet", aliases: [], platform: "Own website", storeUrl: "https://www.studline-outlet.example/shop/" },
    {
      id: "own",
      name: "Own Shop",
      aliases: [],
      storeUrl: "https://shop.example/",
      domain: "shop.example",
      registrar: "Example Registrar, Inc.",
    },
  ],
});
const rows = scheduleARows({
  config: cfg,
  exhibits: [{ number: 1, label: "1", defendantId: "kpg", batesFirst: "T000001", batesLast: "T000004" }],
});

describe("Schedule A rows", () => {
  it("keeps the alias and the legal name apart; a defendant without aliases is named in the alias cell alone", () => {
    expect(rows.map((r) => [r.number, r.alias, r.name])).toEqual([
      [1, "KPG Boutique", "Kestrel Pan Group, LLC"],
      [2, "Studline Outlet", ""],
      [3, "Own Shop", ""],
    ]);
  });

  it("gives an own website its domain (derived from the store URL when not stated) and a registrar only when stated", () => {
    expect(rows.map((r) => [r.domain, r.registrar])).toEqual([
      ["", ""], // a marketplace store has no domain of its own
      ["studline-outlet.example", ""],
      ["shop.example", "Example Registrar, Inc."],
    ]);
  });

  it("has no evidence columns (exhibits, Bates, marks) in either version, and the public one only the allowed columns", () => {
    const sealed = scheduleAColumns(true, ["number", "platform"]);
    expect(sealed.map((c) => SCHEDULE_A_HEADERS[c])).toEqual([
      "No.",
      "Seller alias / store name",
      "Legal or business name",
      "Platform",
      "Seller or merchant ID",
      "Store or listing URL",
    ]);
    const csv = scheduleACsv(rows, sealed).split("\r\n");
    expect(csv[0]).toBe(
      "No.,Seller alias / store name,Legal or business name,Platform,Seller or merchant ID,Store or listing URL," +
        "Domain (own website),Registrar",
    );
    expect(csv.join("\n")).not.toMatch(/Bates|Exhibit|T00000|Marks/);
    expect(scheduleACsv(rows, scheduleAColumns(false, ["number", "platform"])).split("\r\n")[0]).toBe("No.,Platform");
  });
});

describe("URLs on the filed page", () => {
  it("are cut only after / ? & and join back to the URL", () => {
    for (const url of [
      "https://www.walmart.com/seller/SHBDTFX",
      "https://www.amazon.com/sp?seller=A3KPG7EXAMPLE01&tab=1",
      "https://x.example/",
    ]) {
      const pieces = urlPieces(url);
      expect(pieces.join("")).toBe(url);
      for (const p of pieces.slice(0, -1)) expect(p).toMatch(/[/?&]$/);
      for (const p of pieces) expect(p.slice(0, -1)).not.toMatch(/[/?&]/);
    }
    expect(urlPieces("https://www.walmart.com/seller/SHBDTFX")).toEqual(["https:/", "/", "www.walmart.com/", "seller/", "SHBDTFX"]);
  });

  it("the PDF cell holds the pieces, the domain and the registrar; text cells are whole words", () => {
    const cells = scheduleAPdfRows(rows, scheduleAColumns(true, []));
    const url = cells[2]!.cells.find((c) => c.cls === "url")!;
    expect([url.url.join(""), url.domain, url.registrar]).toEqual(["https://shop.example/", "shop.example", "Example Registrar, Inc."]);
    expect(cells[0]!.cells.find((c) => c.cls === "name")!.words).toEqual([["Kestrel"], ["Pan"], ["Group,"], ["LLC"]]);
  });

  it("a Latin word stays whole, a CJK name may break between any two characters, a 300-character run every 20", () => {
    expect(wordPieces("studline-outlet.example")).toEqual(["studline-outlet.example"]);
    expect(wordPieces("深圳市KPG店")).toEqual(["深", "圳", "市", "KPG", "店"]);
    const run = "x".repeat(300);
    expect(wordPieces(run).join("")).toBe(run);
    expect(Math.max(...wordPieces(run).map((p) => p.length))).toBe(20);
  });
});
