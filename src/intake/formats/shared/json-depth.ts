/**
 * Stage 2 (intake), shared by the JSON formats (Meta threads, purchases JSON): the nesting bound, checked by a scan
 * before the text is parsed. Real exports nest a few levels (a Meta thread five); a file nested thousands deep is
 * made to exhaust a parser, and is refused at the place it passes the bound.
 */
import { InvalidInputError } from "../../../util/errors.js";

/** Levels of arrays and objects one JSON export may nest. */
export const MAX_JSON_DEPTH = 64;

/** Refuse `text` where its nesting passes MAX_JSON_DEPTH, naming the line. */
export function checkJsonDepth(text: string, file: string, what: string): void {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 34) {
      // A string: skip to its closing quote (an escaped quote does not close it).
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_JSON_DEPTH)
        throw new InvalidInputError({ file, line }, `${what} nested over ${MAX_JSON_DEPTH} levels deep (the bound): it is not read`);
    } else if (c === 93 || c === 125) depth--;
  }
}
