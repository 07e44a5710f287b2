/** Synthetic evidence items and case configs for pure (browser-free) tests. */
import type { CaseConfig } from "../../src/model/case.js";
import type { EvidenceItem } from "../../src/model/evidence.js";

export function config(over: Partial<CaseConfig> = {}): CaseConfig {
  return {
    id: "t",
    caption: { court: "Court", caseNumber: "1:26-cv-1", plaintiffs: ["P"], defendants: "D", shortTitle: "P v. D" },
    court: "federal",
    final: false,
    timeZone: "America/Chicago",
    bates: { prefix: "T", start: 1, digits: 6 },
    labels: { style: "numbers", start: 1, prefix: "" },
    marks: [],
    redaction: { minors: [], patterns: [], streetAddresses: false },
    check: { pagesPerAlias: 12 },
    scheduleA: { publicColumns: ["number", "platform"] },
    sealing: { legend: "provisional", identities: false, items: [] },
    capture: { hide: [], click: [], sites: [] },
    timestamp: { tsa: [], exhibits: false, timeoutSeconds: 20 },
    ocr: { mode: "off", languages: ["eng"] },
    volumes: { maxMegabytes: 35 },
    defendants: [
      { id: "b", name: "Bravo Store", aliases: [] },
      { id: "a", name: "Alpha Store", aliases: [] },
    ],
    evidence: [],
    ...over,
  };
}

let n = 0;
export function screenshot(id: string, height: number, over: Partial<EvidenceItem> = {}): EvidenceItem {
  return {
    id,
    kind: "screenshot",
    media: "png",
    source: { path: id, bytes: 100, sha256: `sha256:${String(++n).padStart(64, "0")}` },
    title: id,
    defendantId: id.split("/")[1],
    marks: [],
    capturedAtSource: "unknown",
    payload: { type: "image", width: 1280, height, orientation: 1 },
    ...over,
  };
}

export function pdfDoc(id: string, pages: number, over: Partial<EvidenceItem> = {}): EvidenceItem {
  return {
    ...screenshot(id, 1),
    kind: "document",
    media: "pdf",
    payload: { type: "pdf", pages: Array.from({ length: pages }, () => ({ width: 612, height: 792, rotate: 0 })) },
    ...over,
  };
}
