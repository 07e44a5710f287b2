/// <reference lib="dom" />
/**
 * The review page's calls to its server (browser code, bundled by esbuild): JSON over fetch, and the rebuild's
 * server-sent events read from the POST's streamed body. The token rides in the HttpOnly cookie the first load set.
 */
import type { FieldProblem, RebuildOutcome, ReviewState, SidecarChanges } from "../types.js";

export async function getState(): Promise<ReviewState> {
  const r = await fetch("/api/state");
  if (!r.ok) throw new Error(`the server answered ${r.status}: ${await r.text()}`);
  return (await r.json()) as ReviewState;
}

export type EditAnswer = { ok: true; state: ReviewState; written: string[] } | { ok: false; problems: FieldProblem[] };

/** The files an answer says were written ("case.yaml", "evidence/…/x.png.meta.yaml"). */
const paths = (w: unknown) => (Array.isArray(w) ? w : w ? [w] : []).map((x: { path?: string }) => x.path ?? "").filter(Boolean);

export async function postEdit(id: string, changes: SidecarChanges): Promise<EditAnswer> {
  const r = await fetch("/api/edit", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ id, changes }),
  });
  const body = (await r.json()) as { state?: ReviewState; problems?: FieldProblem[]; written?: unknown };
  return r.ok && body.state
    ? { ok: true, state: body.state, written: paths(body.written) }
    : { ok: false, problems: body.problems ?? [{ field: "", message: `HTTP ${r.status}` }] };
}

/** Group items into a test buy (a new case.yaml entry). */
export async function postGroup(ids: string[], title: string): Promise<EditAnswer> {
  const r = await fetch("/api/group", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ids, title }),
  });
  const body = (await r.json()) as { state?: ReviewState; problems?: FieldProblem[]; written?: unknown };
  return r.ok && body.state
    ? { ok: true, state: body.state, written: paths(body.written) }
    : { ok: false, problems: body.problems ?? [{ field: "", message: `HTTP ${r.status}` }] };
}

/** Start a rebuild; `progress` gets each line, the promise the outcome (the "done" event). */
export async function rebuild(progress: (line: string) => void): Promise<RebuildOutcome> {
  const r = await fetch("/api/rebuild", { method: "POST" });
  if (!r.ok || !r.body) return { ok: false, message: `the server answered ${r.status}` };
  const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { ok: false, message: "the server closed the stream before the build ended" };
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const event = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event.event === "progress") progress(event.data);
      if (event.event === "done") return JSON.parse(event.data) as RebuildOutcome;
    }
  }
}

function parseEvent(block: string): { event: string; data: string } {
  let event = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  return { event, data: data.join("\n") };
}
