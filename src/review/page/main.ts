/// <reference lib="dom" />
/**
 * The review page (browser code, bundled by esbuild into /assets/review.js): the defendants, their items and the
 * check's findings on the left; the selected item's image with its redaction boxes in the middle, where a new box is
 * drawn with the mouse; its fields, the Rebuild button with the build's progress, and the exhibit's public and sealed
 * pages side by side on the right. Case text is only ever set as text, never as HTML.
 */
import type { ReviewFinding, ReviewItem, ReviewState, SuggestedBox } from "../types.js";
import { getState, postEdit, rebuild } from "./api.js";
import { enableDrawing, placeBox, type Box } from "./draw.js";
import { $, fillFields, readFields, showProblems } from "./fields.js";
import { groupPicked, pickBox, renderGroupBar } from "./group.js";
import { drawSuggestions, suggestionsNote } from "./suggest.js";

let state: ReviewState;
let selected: ReviewItem | undefined;
let pending: Box | undefined;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function findingEl(f: ReviewFinding): HTMLElement {
  const p = el("p", `finding ${f.level}`, `${f.level}: ${f.message} `);
  for (const id of f.itemIds) {
    const item = state.items.find((i) => i.id === id);
    if (!item) continue;
    const a = el("a", undefined, `→ ${item.path.split("/").pop()}`);
    a.dataset.item = id;
    a.addEventListener("click", () => select(id));
    p.append(a, " ");
  }
  return p;
}

function itemButton(id: string, pick = false): HTMLElement {
  const item = state.items.find((i) => i.id === id)!;
  const b = el("button", `item${selected?.id === id ? " selected" : ""}`);
  b.type = "button";
  b.dataset.item = id;
  b.append(
    el("span", undefined, item.title),
    el("br"),
    el("span", "kind", `${item.exhibit ? `Ex. ${item.exhibit} · ` : ""}${item.kind} · ${item.path}`),
  );
  b.addEventListener("click", () => select(id));
  const li = el("li");
  if (pick) li.append(pickBox(item, () => renderGroupBar(state)));
  li.append(b);
  return li;
}

function renderLeft(): void {
  $("case-title").textContent = `${state.title} — review`;
  const list = $("defendants");
  list.replaceChildren();
  for (const d of state.defendants) {
    const sec = el("section", "defendant");
    sec.append(el("h3", undefined, d.name), ...d.findings.map(findingEl), el("ul"));
    sec.querySelector("ul")!.append(...d.itemIds.map((id) => itemButton(id, true)));
    list.append(sec);
  }
  if (state.otherItemIds.length) {
    const sec = el("section", "defendant");
    sec.append(el("h3", undefined, "Case-wide items"), el("ul"));
    sec.querySelector("ul")!.append(...state.otherItemIds.map((id) => itemButton(id)));
    list.append(sec);
  }
  $("general").replaceChildren(el("h3", undefined, "Whole case"), ...state.general.filter((f) => f.level !== "ok").map(findingEl));
  renderGroupBar(state);
}

function drawBoxes(): void {
  const img = $<HTMLImageElement>("image");
  const layer = $("boxes");
  for (const b of layer.querySelectorAll(".box:not(.drawing)")) b.remove();
  if (!selected || !img.naturalWidth) return;
  selected.redact.forEach((r, i) => {
    const b = el("div", "box");
    b.dataset.index = String(i);
    b.append(el("span", undefined, r.reason ?? "redacted"));
    placeBox(b, img, r);
    layer.append(b);
  });
  drawSuggestions(layer, $("suggestions"), img, selected, (s) => void accept(s));
}

/** Accept a suggested box: written to the sidecar as a box of the item's own, its rule as reason, its basis as basis. */
async function accept(s: SuggestedBox): Promise<void> {
  if (!selected) return;
  const box = { x: s.x, y: s.y, width: s.width, height: s.height, reason: s.rule, ...(s.basis ? { basis: s.basis } : {}) };
  const answer = await postEdit(selected.id, { addRedact: box });
  if (!answer.ok) return showProblems(answer.problems);
  refresh(answer.state, "suggested box kept in the sidecar");
}

function select(id: string): void {
  selected = state.items.find((i) => i.id === id);
  if (!selected) return;
  cancelBox();
  renderLeft();
  $("item-title").textContent = selected.title;
  $("item-path").textContent = `${selected.path}${selected.exhibit ? ` · Exhibit ${selected.exhibit}` : ""}`;
  const img = $<HTMLImageElement>("image");
  $("image-wrap").hidden = !selected.image;
  $("draw-hint").hidden = !selected.image;
  $("no-image").hidden = Boolean(selected.image);
  $("suggest-hint").textContent = suggestionsNote(selected);
  $("suggest-hint").hidden = !$("suggest-hint").textContent;
  if (selected.image) {
    img.onload = drawBoxes;
    img.src = `/api/image?id=${encodeURIComponent(selected.id)}`;
  } else img.removeAttribute("src");
  $("fields").hidden = false;
  fillFields(state, selected);
  showTwins();
}

function cancelBox(): void {
  pending = undefined;
  $("box-form").hidden = true;
  $("boxes").querySelector(".drawing")?.remove();
}

function boxDrawn(b: Box): void {
  pending = b;
  $("box-form").hidden = false;
  $("box-size").textContent = `${b.width} × ${b.height} px at ${b.x}, ${b.y} (image pixels)`;
  showProblems([]);
  $<HTMLInputElement>("box-reason").focus();
}

async function saveBox(e: Event): Promise<void> {
  e.preventDefault();
  if (!selected || !pending) return;
  const reason = $<HTMLInputElement>("box-reason").value;
  const basis = $<HTMLInputElement>("box-basis").value;
  const answer = await postEdit(selected.id, { addRedact: { ...pending, reason, ...(basis.trim() ? { basis } : {}) } });
  if (!answer.ok) return showProblems(answer.problems);
  $<HTMLInputElement>("box-reason").value = "";
  $<HTMLInputElement>("box-basis").value = "";
  refresh(answer.state, "box saved to the sidecar");
}

async function saveFields(e: Event): Promise<void> {
  e.preventDefault();
  if (!selected) return;
  const answer = await postEdit(selected.id, readFields());
  if (!answer.ok) {
    $("fields-status").textContent = "not saved";
    return showProblems(answer.problems);
  }
  const where = answer.written.map((p) => (p === "case.yaml" ? "case.yaml" : "the sidecar"));
  refresh(answer.state, where.length ? `saved to ${where.join(" and ")}` : "nothing changed");
}

function refresh(next: ReviewState, status: string): void {
  state = next;
  const id = selected?.id;
  if (id) select(id);
  else renderLeft();
  $("fields-status").textContent = status;
}

/**
 * The exhibit's pages as built, public and sealed side by side. When the last build's redaction log puts the item's
 * redaction on a page, that page comes first, marked, and the other pages follow in order below it.
 */
function showTwins(): void {
  const label = selected?.exhibit;
  const built = label ? state.built?.exhibits.find((x) => x.label === label) : undefined;
  $("twins").hidden = !built;
  if (!built || !selected) return;
  $("twins-title").textContent = `Exhibit ${built.label} as built (${built.twins.join(" and ")})`;
  const focus = selected.redactedPage && selected.redactedPage <= built.pages ? selected.redactedPage : undefined;
  const order = [...(focus ? [focus] : []), ...Array.from({ length: built.pages }, (_, i) => i + 1).filter((p) => p !== focus)];
  const rows = order.map((page) => twinRow(built.twins, page, page === focus));
  $("twin-pages").replaceChildren(...rows);
}

function twinRow(twins: string[], page: number, focus: boolean): HTMLElement {
  const row = el("div", focus ? "twin-row redacted" : "twin-row");
  row.dataset.page = String(page);
  if (focus) row.append(el("p", "twin-mark", `Page ${page}: the redaction of this item (from the last build's redaction log)`));
  for (const twin of twins) {
    const fig = el("figure");
    const img = el("img");
    img.alt = `${twin} page ${page}`;
    img.dataset.twin = twin;
    img.dataset.page = String(page);
    img.loading = focus ? "eager" : "lazy";
    img.src = `/api/page?id=${encodeURIComponent(selected!.id)}&twin=${twin}&page=${page}&v=${Date.now()}`;
    fig.append(img, el("figcaption", undefined, `${twin}, page ${page}`));
    row.append(fig);
  }
  return row;
}

async function runBuild(): Promise<void> {
  const button = $<HTMLButtonElement>("rebuild");
  button.disabled = true;
  $("progress").hidden = false;
  $("log").textContent = "";
  $("build-status").textContent = "building…";
  const outcome = await rebuild((line) => {
    $("log").textContent += `${line}\n`;
    $("log").scrollTop = $("log").scrollHeight;
  }).catch((e: unknown) => ({ ok: false, message: String(e) }));
  $("build-status").textContent = outcome.ok ? `done: ${outcome.message}` : `failed: ${outcome.message}`;
  document.body.dataset.build = outcome.ok ? "done" : "failed";
  button.disabled = false;
  refresh(await getState(), "");
  if (!$("twins").hidden) $("twins").scrollIntoView({ block: "start" }); // the item's redacted page first
}

async function group(): Promise<void> {
  const next = await groupPicked(state);
  if (next) refresh(next, "grouped as a test buy in case.yaml");
}

async function start(): Promise<void> {
  state = await getState();
  renderLeft();
  const img = $<HTMLImageElement>("image");
  enableDrawing($("image-wrap"), img, $("boxes"), boxDrawn);
  window.addEventListener("resize", drawBoxes);
  $("box-form").addEventListener("submit", (e) => void saveBox(e));
  $("box-cancel").addEventListener("click", cancelBox);
  $("fields").addEventListener("submit", (e) => void saveFields(e));
  $("rebuild").addEventListener("click", () => void runBuild());
  $("group-button").addEventListener("click", () => void group());
  document.body.dataset.ready = "true";
}

void start();
