/**
 * Intake's modelling of real cases: an item may name several defendants (listed under its folder's, or the first),
 * a case-wide message log may concern several defendants, and several case.yaml entries may each pick their own
 * orders out of one export (each selection an item of its own; an order picked twice, or a whole file named twice,
 * is refused naming the entry).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCase } from "../../src/case/index.js";
import { intakeEvidence } from "../../src/intake/index.js";
import { planExhibits } from "../../src/plan/index.js";
import { InvalidInputError, InvalidInputErrors } from "../../src/util/errors.js";
import { tempDir } from "../helpers/cli.js";

const HEAD = `id: t
caption: { court: C, caseNumber: "1", plaintiffs: [P], defendants: D, shortTitle: P v. D }
timeZone: America/Chicago
bates: { prefix: T, start: 1, digits: 6 }
marks: [{ id: m, name: M, registration: "9,999,999", goodsClass: 25 }]
defendants: [{ id: a, name: Alpha Shop }, { id: b, name: Bravo Shop }]
`;

const ORDERS = `order id,date,seller,item,quantity,unit price,currency,ship-to city,ship-to state,payment
A-1,2026-03-01 10:00,Alpha,Belt,1,10.00,USD,Chicago,IL,Visa
A-2,2026-03-02 10:00,Alpha,Bag,1,20.00,USD,Chicago,IL,Visa
A-3,2026-03-03 10:00,Alpha,Shoe,1,30.00,USD,Chicago,IL,Visa
`;

const CHAT = `timestamp,sender,text
2026-03-01T10:00:00-06:00,Sam,Buy from Alpha and Bravo today.
`;

function caseOf(yaml: string, files: Record<string, string>): string {
  const dir = tempDir();
  writeFileSync(join(dir, "case.yaml"), HEAD + yaml);
  for (const [rel, data] of Object.entries(files)) {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), data);
  }
  return dir;
}

async function problems(dir: string): Promise<string[]> {
  try {
    await intakeEvidence(await loadCase(dir));
  } catch (e) {
    if (e instanceof InvalidInputErrors) return e.errors.map((x) => x.message);
    if (e instanceof InvalidInputError) return [e.message];
    throw e;
  }
  return [];
}

describe("an item naming several defendants", () => {
  it("a case-wide message log naming two defendants is listed under the first and cross-referenced from the second", async () => {
    const dir = caseOf("", {
      "evidence/log.csv": CHAT,
      "evidence/log.csv.meta.yaml": "kind: message-log\ndefendants: [a, b]\n",
      "evidence/b/shot.csv": ORDERS,
    });
    const { items } = await intakeEvidence(await loadCase(dir));
    const log = items.find((i) => i.id === "evidence/log.csv")!;
    expect(log).toMatchObject({ defendantId: "a", alsoDefendants: ["b"], kind: "message-log" });
    const loaded = await loadCase(dir);
    const exhibits = planExhibits(loaded.config, items, new Map(items.map((i) => [i.id, 1])));
    expect(exhibits.find((e) => e.itemIds.includes(log.id))).toMatchObject({ defendantId: "a", alsoDefendantIds: ["b"] });
  });

  it("an item in a defendant's folder is listed under that defendant, the others it names cross-referenced", async () => {
    const dir = caseOf("", { "evidence/b/log.csv": CHAT, "evidence/b/log.csv.meta.yaml": "defendants: [a, b]\n" });
    const { items } = await intakeEvidence(await loadCase(dir));
    expect(items[0]).toMatchObject({ defendantId: "b", alsoDefendants: ["a"] });
  });

  it("refuses a list that leaves out the folder's defendant, and an unknown defendant, naming the field", async () => {
    const left = caseOf("", { "evidence/b/log.csv": CHAT, "evidence/b/log.csv.meta.yaml": "defendants: [a]\n" });
    expect((await problems(left)).join("\n")).toMatch(/log\.csv\.meta\.yaml \(field defendants\): .*filed under defendant 'b' but lists a/);
    const unknown = caseOf("", { "evidence/log.csv": CHAT, "evidence/log.csv.meta.yaml": "defendants: [a, zed]\n" });
    expect((await problems(unknown)).join("\n")).toMatch(/log\.csv\.meta\.yaml \(field defendants\): unknown defendant id 'zed'/);
  });
});

describe("several exhibits from one export", () => {
  const entry = (orders: string[], title: string) => `  - files: [evidence/a/orders.csv]
    defendant: a
    orders: [${orders.map((o) => `"${o}"`).join(", ")}]
    title: ${title}
`;

  it("makes each entry's selection an item of its own, the export one input", async () => {
    const dir = caseOf(`evidence:\n${entry(["A-1"], "First buy")}${entry(["A-3"], "Second buy")}`, { "evidence/a/orders.csv": ORDERS });
    const { items, inputs } = await intakeEvidence(await loadCase(dir));
    expect(items.map((i) => [i.id, i.title, i.payload.type === "purchases" ? i.payload.orders.map((o) => o.orderId) : []])).toEqual([
      ["evidence/a/orders.csv", "First buy", ["A-1"]],
      ["evidence/a/orders.csv#evidence[1]", "Second buy", ["A-3"]],
    ]);
    expect(new Set(items.map((i) => i.source.sha256)).size).toBe(1);
    expect(inputs.map((f) => f.path)).toEqual(["evidence/a/orders.csv"]);
  });

  it("refuses an order picked twice, and a file named whole by one entry and picked from by another", async () => {
    const twice = caseOf(`evidence:\n${entry(["A-1", "A-2"], "One")}${entry(["A-2"], "Two")}`, { "evidence/a/orders.csv": ORDERS });
    expect((await problems(twice)).join("\n")).toMatch(
      /case\.yaml:\d+ \(field evidence\[1\]\.files\[0\]\): 'evidence\/a\/orders\.csv' picks order A-2, which evidence\[0\] already shows/,
    );
    const whole = caseOf(`evidence:\n  - files: [evidence/a/orders.csv]\n    title: All\n${entry(["A-2"], "Two")}`, {
      "evidence/a/orders.csv": ORDERS,
    });
    expect((await problems(whole)).join("\n")).toMatch(
      /is already named by evidence\[0\]; a file belongs to one exhibit, unless each entry picks/,
    );
  });
});
