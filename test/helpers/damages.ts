/** The damages tests' case (three marks, three defendants) and a reader of exact USD amounts. */
import { expect } from "vitest";
import type { Defendant, Mark } from "../../src/model/case.js";
import type { Money } from "../../src/model/money.js";

/** "1234.56" from a USD amount, checking its currency and scale. */
export const cents = (m: Money | undefined): string | undefined => {
  if (!m) return undefined;
  expect(m.currency).toBe("USD");
  expect(m.scale).toBe(2);
  const s = (m.units < 0n ? -m.units : m.units).toString().padStart(3, "0");
  return `${m.units < 0n ? "-" : ""}${s.slice(0, -2)}.${s.slice(-2)}`;
};

export const MARKS: Mark[] = [
  { id: "rockstud", name: "ROCKSTUD", registration: "4,567,890", goodsClass: [25] },
  { id: "v-logo", name: "V LOGO", registration: "1,234,567", goodsClass: [18, 25] },
  { id: "vltn", name: "VLTN", registration: "5,111,222", goodsClass: [18] },
];
export const DEFENDANTS: Defendant[] = [
  { id: "kpg", name: "Kaitlyn Pan Group", aliases: [] },
  { id: "lux", name: "Lux Outlet", aliases: [] },
  { id: "shoe-king", name: "Shoe King", aliases: [] },
];
export const CONFIG = { marks: MARKS, defendants: DEFENDANTS };
