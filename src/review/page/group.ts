/// <reference lib="dom" />
/**
 * Grouping items into a test buy (browser code): a checkbox beside each item of a defendant in the left list, and a
 * bar above the list — how many are picked, the new exhibit's title, "Group as test buy". The server writes the
 * case.yaml entry, or refuses (items of different defendants, an item already in an entry) naming why; the refusal is
 * shown in the bar. An item already in an entry has no checkbox to tick: its entry is edited instead.
 */
import type { ReviewItem, ReviewState } from "../types.js";
import { postGroup } from "./api.js";
import { $ } from "./fields.js";

const picked = new Set<string>();

/** The checkbox beside an item of the left list. */
export function pickBox(item: ReviewItem, changed: () => void): HTMLInputElement {
  const box = document.createElement("input");
  box.type = "checkbox";
  box.className = "pick";
  box.dataset.item = item.id;
  box.checked = picked.has(item.id);
  box.setAttribute("aria-label", `pick ${item.path} to group`);
  if (item.entry) {
    box.disabled = true;
    box.title = `already in case.yaml evidence[${item.entry.index}]`;
  }
  box.addEventListener("change", () => {
    if (box.checked) picked.add(item.id);
    else picked.delete(item.id);
    changed();
  });
  return box;
}

/** The bar: shown once two items are picked, with a title for the new exhibit from the first one's defendant. */
export function renderGroupBar(state: ReviewState): void {
  for (const id of [...picked]) if (!state.items.some((i) => i.id === id && !i.entry)) picked.delete(id);
  const bar = $("group-bar");
  bar.hidden = picked.size < 2;
  $("group-count").textContent = `${picked.size} items picked`;
  // The title follows the first pick's defendant until the user types one.
  const title = $<HTMLInputElement>("group-title");
  title.oninput = () => delete title.dataset.auto;
  if (!title.value || title.dataset.auto) {
    const first = state.items.find((i) => picked.has(i.id));
    const name = state.defendants.find((d) => d.id === first?.defendantId)?.name;
    title.value = name ? `Test purchase from ${name}` : "Test purchase";
    title.dataset.auto = "true";
  }
}

/** Send the group; the new state on success (the picks cleared), else the refusal shown in the bar. */
export async function groupPicked(state: ReviewState): Promise<ReviewState | undefined> {
  const ids = state.items.filter((i) => picked.has(i.id)).map((i) => i.id); // in the list's order: the exhibit's
  const answer = await postGroup(ids, $<HTMLInputElement>("group-title").value);
  if (!answer.ok) {
    $("group-error").textContent = answer.problems.map((p) => `${p.field ? `${p.field}: ` : ""}${p.message}`).join(" ");
    return undefined;
  }
  picked.clear();
  $<HTMLInputElement>("group-title").value = "";
  $("group-error").textContent = "";
  return answer.state;
}
