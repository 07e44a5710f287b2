/** "parts 40/42" → { hits: 40, total: 42 }, from a build's "cache: …" line; -1 each when the kind is not in it. */
export function reused(stderr: string, kind: string): { hits: number; total: number } {
  const m = new RegExp(`[ :]${kind} (\\d+)/(\\d+)`).exec(stderr.split("\n").find((l) => l.startsWith("cache:")) ?? "");
  return m ? { hits: Number(m[1]), total: Number(m[2]) } : { hits: -1, total: -1 };
}
