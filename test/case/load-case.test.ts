import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCase } from "../../src/case/index.js";
import { InvalidInputError, InvalidInputErrors } from "../../src/util/errors.js";
import { tempDir } from "../helpers/cli.js";

const GOOD = `id: demo
caption:
  court: United States District Court for the Northern District of Illinois
  caseNumber: "1:26-cv-00001"
  plaintiffs: [Demo Brand S.p.A.]
  defendants: The Partnerships Identified on Schedule A
  shortTitle: Demo v. Schedule A
timeZone: America/Chicago
bates: { prefix: DEMO, start: 1, digits: 6 }
marks:
  - { id: word, name: DEMO, registration: "9,999,001", goodsClass: 25 }
defendants:
  - id: shop-1
    name: Shop One
    storeUrl: https://shop-one.example/
`;

async function load(text: string) {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "case.yaml"), text);
  return loadCase(dir);
}

async function errorsOf(text: string): Promise<string[]> {
  try {
    await load(text);
  } catch (e) {
    if (e instanceof InvalidInputErrors) return e.errors.map((x) => x.message);
    if (e instanceof InvalidInputError) return [e.message];
    throw e;
  }
  throw new Error("expected the case to be refused");
}

describe("loadCase", () => {
  it("loads a valid case with defaults filled in", async () => {
    const c = await load(GOOD);
    expect(c.config.labels).toEqual({ style: "numbers", start: 1, prefix: "" });
    expect(c.config.marks[0].goodsClass).toEqual([25]);
    expect(c.config.defendants[0].aliases).toEqual([]);
  });

  it("names the line and field of a missing field", async () => {
    const [msg] = await errorsOf(GOOD.replace('  caseNumber: "1:26-cv-00001"\n', ""));
    expect(msg).toMatch(/case\.yaml:3:\d+ \(field caption\.caseNumber\): missing/);
  });

  it("names the line of a bad value and says what is expected", async () => {
    const [msg] = await errorsOf(GOOD.replace("https://shop-one.example/", "not a url"));
    expect(msg).toMatch(/case\.yaml:15:\d+ \(field defendants\[0\]\.storeUrl\): expected an absolute URL/);
  });

  it("reports a YAML syntax error with its line", async () => {
    const [msg] = await errorsOf(GOOD.replace("timeZone: America/Chicago", "timeZone: [America/Chicago"));
    expect(msg).toMatch(/case\.yaml:\d+:\d+: YAML syntax error/);
  });

  it("refuses an unknown time zone, an unknown key and a duplicate defendant id, all at once", async () => {
    const text = GOOD.replace("America/Chicago", "Mars/Olympus") + "  - id: shop-1\n    name: Again\n    colour: red\n";
    const msgs = await errorsOf(text);
    expect(msgs.some((m) => /timeZone.*IANA/.test(m))).toBe(true);
    expect(msgs.some((m) => /colour/.test(m))).toBe(true);
  });

  it("refuses a duplicate defendant id", async () => {
    const msgs = await errorsOf(GOOD + "  - id: shop-1\n    name: Again\n");
    expect(msgs.join("\n")).toMatch(/duplicate defendant id 'shop-1'/);
  });

  it("refuses an evidence entry naming an unknown defendant, listing the known ones", async () => {
    const msgs = await errorsOf(GOOD + "evidence:\n  - file: evidence/x.png\n    defendant: shop-9\n");
    expect(msgs.join("\n")).toMatch(/case\.yaml:18 \(field evidence\[0\]\.defendant\): unknown defendant id 'shop-9'; known ids: shop-1/);
  });

  it("takes a mark registered, pending (application) or at common law, and exactly one of them", async () => {
    const marks = (m: string) => GOOD.replace('  - { id: word, name: DEMO, registration: "9,999,001", goodsClass: 25 }', m);
    const ok = await load(
      marks('  - { id: w, name: W, application: "98765432", goodsClass: 18 }\n  - { id: t, name: T, commonLaw: true }'),
    );
    expect(ok.config.marks).toEqual([
      { id: "w", name: "W", application: "98765432", goodsClass: [18] },
      { id: "t", name: "T", commonLaw: true, goodsClass: [] },
    ]);
    const both = await errorsOf(marks('  - { id: w, name: W, registration: "1,234,567", commonLaw: true }'));
    expect(both.join("\n")).toMatch(/field marks\[0\]\): expected exactly one of registration .*, application .* or commonLaw: true/);
    const none = await errorsOf(marks("  - { id: w, name: W, goodsClass: 25 }"));
    expect(none.join("\n")).toMatch(/field marks\[0\]\): expected exactly one of registration/);
  });

  it("refuses an entry naming unknown defendants in its list, and one giving both defendant and defendants", async () => {
    const unknown = await errorsOf(GOOD + "evidence:\n  - file: evidence/x.png\n    defendants: [shop-1, shop-9]\n");
    expect(unknown.join("\n")).toMatch(/field evidence\[0\]\.defendants\[1\]\): unknown defendant id 'shop-9'/);
    const both = await errorsOf(GOOD + "evidence:\n  - file: evidence/x.png\n    defendant: shop-1\n    defendants: [shop-1]\n");
    expect(both.join("\n")).toMatch(/expected 'defendant' \(one id\) or 'defendants' \(a list\), not both/);
  });

  it("says how to start when there is no case.yaml", async () => {
    await expect(loadCase(tempDir())).rejects.toThrow(/no case\.yaml.*exhibits init/);
  });
});
