/**
 * Attachments a chat export names (`<attached: photo.jpg>`, a CSV's attachment column): resolved only inside the
 * export's own folder. A name that leads out of it is the chat's error, naming the file and the line.
 */
import { InvalidInputError } from "../../../util/errors.js";
import type { Resolved } from "../format.js";

/** The case path of attachment `name` (undefined when the export does not hold it); a refusal is thrown. */
export function attachmentPath(resolve: (name: string) => Resolved, name: string, file: string, line: number): string | undefined {
  const r = resolve(name);
  if (typeof r !== "object") return r;
  const shown = JSON.stringify(name.length > 80 ? `${name.slice(0, 79)}…` : name);
  throw new InvalidInputError(
    { file, line },
    `the attachment ${shown} ${r.refused}; an export's attachments are taken only from its own folder`,
  );
}

/** Why a name must not be resolved at all (absolute, or climbing out with ".."), or undefined. */
export function escapingName(name: string): string | undefined {
  const slashed = name.replace(/\\/g, "/");
  if (slashed.startsWith("/") || /^[A-Za-z]:\//.test(slashed) || name.includes("\0")) return "is an absolute path";
  if (slashed.split("/").includes("..")) return "climbs out of the export's folder ('..')";
  return undefined;
}
