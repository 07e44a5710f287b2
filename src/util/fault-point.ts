/**
 * Named points in a build or capture where the fault tests stop the process (test/faults/). With
 * EXHIBITS_FAULT_POINT=<name> in the environment, the process announces the point on stderr and stops itself
 * (SIGSTOP) the first time it gets there, so a test can kill it (or signal it) at exactly that instant. Unset, a
 * point costs one comparison. The names are listed once here, so a test cannot stop at a point the code lacks.
 */
export const FAULT_POINTS = [
  "intake", // the evidence read and hashed, before anything is written
  "twin-public", // each twin begins (after its cover sheets)
  "twin-sealed",
  "twin-single",
  "exhibits", // the first exhibit file written, others still to come
  "bundle", // bundle.pdf being written
  "manifest", // every tree sealed, nothing switched
  "swap", // the pending note beside the new version, the link not yet switched
  "switched", // the link switched, the custody log not yet extended
  "capture", // a capture's files written to its temporary folder, not yet in place
] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

const reached = new Set<FaultPoint>();

export function faultPoint(name: FaultPoint): void {
  if (process.env.EXHIBITS_FAULT_POINT !== name || reached.has(name)) return;
  reached.add(name);
  process.stderr.write(`fault point ${name}\n`);
  process.kill(process.pid, "SIGSTOP");
}
