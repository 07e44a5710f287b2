/**
 * The legend sealed items carry (stage 3 words, used by 7–9): its wording is the template's
 * (templates/sealing-legend.hbs, a draft for counsel; a court profile's own where it has one, e.g. N.D. Ill.'s LR 26.2),
 * filled from case.yaml's `sealing.legend`.
 */
import type { CourtId } from "../court/index.js";
import type { SealingLegend } from "../model/case.js";
import { decodeEntities } from "../util/html-entities.js";
import { renderTemplate } from "./templates.js";

const MONTHS = ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"];

/** "2026-03-03" → "MARCH 3, 2026". */
function orderDate(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/** The legend as one line of plain text. */
export function sealingLegend(legend: SealingLegend, court: CourtId): string {
  const data =
    legend === "provisional"
      ? {}
      : "order" in legend
        ? { order: { date: orderDate(legend.order.date), docket: legend.order.docket } }
        : { text: legend.text };
  return decodeEntities(renderTemplate("sealing-legend", { order: undefined, text: undefined, ...data }, court))
    .replace(/\s+/g, " ")
    .trim();
}
