/**
 * Anything in a PDF that runs or acts on its own: JavaScript, actions on opening or on events (/OpenAction, /AA),
 * launching programs, submitting or importing form data, XFA forms. This tool writes none of these (an exhibit's
 * only links are plain URI and go-to links), so `verify` names each one it finds, with the object that holds it.
 */
import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, type PDFDocument, type PDFObject } from "pdf-lib";

const KEYS = ["OpenAction", "AA", "JS", "JavaScript", "Launch", "XFA", "RichMediaExecute"];
/** Action types that run or send something (a URI or go-to link only moves the reader). */
const ACTIONS = new Set([
  "JavaScript",
  "Launch",
  "SubmitForm",
  "ImportData",
  "ResetForm",
  "Rendition",
  "RichMediaExecute",
  "Sound",
  "Movie",
  "Hide",
  "GoToE",
  "Named",
  "SetOCGState",
  "Trans",
  "GoTo3DView",
]);

/** Each piece of active content: "object 1: /OpenAction (a JavaScript action)". */
export function activeContent(doc: PDFDocument): string[] {
  const found: string[] = [];
  const seen = new Set<PDFObject>();
  const describe = (v: PDFObject | undefined): string => {
    const d = v instanceof PDFRef ? doc.context.lookup(v) : v;
    const s = d instanceof PDFDict ? d.get(PDFName.of("S")) : undefined;
    return s instanceof PDFName ? ` (a ${s.decodeText()} action)` : "";
  };
  const visit = (o: PDFObject | undefined, where: string, depth: number): void => {
    if (!o || depth > 64 || o instanceof PDFRef || seen.has(o)) return;
    seen.add(o);
    if (o instanceof PDFStream) {
      visit(o.dict, where, depth + 1);
      return;
    }
    if (o instanceof PDFArray) {
      for (const v of o.asArray()) visit(v, where, depth + 1);
      return;
    }
    if (!(o instanceof PDFDict)) return;
    for (const [k, v] of o.entries()) {
      const key = k.decodeText();
      if (KEYS.includes(key)) found.push(`${where}: /${key}${describe(v)}`);
      else if (key === "S" && v instanceof PDFName && ACTIONS.has(v.decodeText())) found.push(`${where}: a ${v.decodeText()} action`);
      visit(v, where, depth + 1);
    }
  };
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) visit(obj, `object ${ref.objectNumber}`, 0);
  visit(doc.context.trailerInfo.Root, "catalog", 0);
  return [...new Set(found)];
}
