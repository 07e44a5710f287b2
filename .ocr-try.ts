import { recogniseEvidence } from "./src/ocr/index.ts";
const caseDir = "fixtures/cases/valentino-v-kaitlyn-pan";
const items: any[] = [
  { id: "a", source: { path: "evidence/kpg/01-amazon-listing.png", sha256: "x" }, payload: { type: "image", width: 1280, height: 8450, orientation: 1 } },
  { id: "b", source: { path: "evidence/kpg/03-test-buy/05-received-box.jpg", sha256: "y" }, payload: { type: "image", width: 1600, height: 1200, orientation: 1 } },
];
const t = Date.now();
const layer = await recogniseEvidence(items, { caseDir, mode: "auto", languages: ["eng"], memo: (_i, c) => c(), progress: (d, tot, c) => console.error(d.toFixed(1), tot.toFixed(1), c) });
console.log((Date.now() - t) / 1000, "s", layer.engine);
for (const [id, r] of layer.items) { const w = r.pages[0]!.words; console.log(id, w.length, w.slice(0, 60).map((x) => x.text).join(" ")); }
