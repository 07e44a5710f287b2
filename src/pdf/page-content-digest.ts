/**
 * What each page of a PDF shows, as one digest per page that does not depend on the file it sits in: verify compares
 * bundle.pdf's pages with the exhibit files' pages by these (both are written from the very same parts, object for
 * object, so a page copied unchanged has the same digest in both). A page's digest covers its dictionary (without
 * /Parent), the attributes it inherits from the page tree, and every object reachable from it, streams by their bytes
 * as stored (no decoding: exact, and as fast as hashing). An object's digest is that of its type-tagged, length-prefixed
 * serialization with each reference replaced by the referred object's digest (a Merkle tree), so fonts and images
 * shared by many pages are hashed once per file. A reference to a page is its distance from the page being digested
 * (a link to the next page is the same link in the exhibit and in the bundle), and a reference back to an object
 * being digested (a cycle) is its distance up the path; objects whose digest depends on either are not memoized.
 * A signature field's zero-area widget (the bundle signature sits on bundle.pdf's first page) shows nothing and is left out.
 */
import { createHash, type Hash } from "node:crypto";
import {
  PDFArray,
  PDFDict,
  PDFInvalidObject,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFDocument,
  type PDFObject,
} from "pdf-lib";
import { objectBytes } from "./serialize.js";

const PARENT = PDFName.of("Parent");
const ANNOTS = PDFName.of("Annots");
const INHERITED = ["Resources", "MediaBox", "CropBox", "Rotate"].map((n) => PDFName.of(n));
const name = (n: PDFName) => n.asString();

/** The hex SHA-256 of each page of `doc`, in page order. */
export function pageContentDigests(doc: PDFDocument): string[] {
  const pages = doc.getPages();
  const pageAt = new Map(pages.map((p, i) => [p.ref.tag, i]));
  const memo = new Map<string, string>();
  // Every object expanded counts: a crafted file whose objects cannot be memoized (each refers back up its path) is
  // refused instead of walked for ever.
  let budget = 64 * (doc.context.largestObjectNumber + pages.length) + 100_000;
  const out: string[] = [];
  for (const [i, page] of pages.entries()) {
    const path: string[] = [page.ref.tag];
    const pageMemo = new Map<string, string>(); // objects whose digest depends on this page's place (links to pages)
    /** Writes `o` into `h`; returns what it depends on (FREE, the page's place, or the path walked). */
    const write = (o: PDFObject | undefined, h: Hash, root?: PDFDict): Depends => {
      if (o === undefined) {
        h.update("~");
        return FREE;
      }
      if (o instanceof PDFRef) {
        const at = pageAt.get(o.tag);
        if (at !== undefined) {
          h.update(`p${at - i};`);
          return ON_PAGE;
        }
        const known = memo.get(o.tag) ?? pageMemo.get(o.tag);
        if (known !== undefined) {
          h.update(`r${known};`);
          return memo.has(o.tag) ? FREE : ON_PAGE;
        }
        const up = path.lastIndexOf(o.tag);
        if (up >= 0) {
          h.update(`u${path.length - up};`);
          return ON_PATH;
        }
        const target = doc.context.lookup(o);
        if (target instanceof PDFDict && target.get(PDFName.of("Type")) === PDFName.of("Pages")) {
          h.update("t;"); // the page tree: what a page inherits from it is written below
          return FREE;
        }
        if (--budget < 0) throw new Error("its pages' objects refer to one another too intricately to be compared");
        path.push(o.tag);
        const inner = createHash("sha256");
        const depends = write(target, inner);
        path.pop();
        const d = inner.digest("hex");
        if (depends === FREE) memo.set(o.tag, d);
        else if (depends === ON_PAGE) pageMemo.set(o.tag, d);
        h.update(`r${d};`);
        return depends;
      }
      if (o instanceof PDFStream) {
        const depends = write(o.dict, h);
        const bytes = o instanceof PDFRawStream ? o.contents : o.getContents();
        h.update(`s${bytes.length}:`).update(bytes);
        return depends;
      }
      if (o instanceof PDFDict) {
        let depends: Depends = FREE;
        const entries = [...o.entries()]
          .filter(([k]) => !(root === o && k === PARENT))
          .map(([k, v]): [PDFName, PDFObject] => (root === o && k === ANNOTS ? [k, shownAnnots(doc, v)] : [k, v]))
          .filter(([k, v]) => !(root === o && k === ANNOTS && v instanceof PDFArray && v.size() === 0))
          .sort(([a], [b]) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
        h.update(`d${entries.length}{`);
        for (const [k, v] of entries) {
          const key = name(k);
          h.update(`k${key.length}:${key}`);
          depends = Math.max(depends, write(v, h)) as Depends;
        }
        h.update("}");
        return depends;
      }
      if (o instanceof PDFArray) {
        let depends: Depends = FREE;
        h.update(`a${o.size()}[`);
        for (const v of o.asArray()) depends = Math.max(depends, write(v, h)) as Depends;
        h.update("]");
        return depends;
      }
      // A name, string, number, boolean or null as pdf-lib writes it (each kind reads differently); an object pdf-lib
      // could not parse, by its bytes.
      const text = o instanceof PDFInvalidObject ? objectBytes(o).toString("latin1") : o.toString();
      h.update(`v${text.length}:${text}`);
      return FREE;
    };
    const h = createHash("sha256");
    write(page.node, h, page.node);
    for (const key of INHERITED) {
      h.update(`i${name(key)}`);
      write(page.node.get(key) === undefined ? page.node.getInheritableAttribute(key) : undefined, h);
    }
    out.push(h.digest("hex"));
  }
  return out;
}

/** What an object's digest depends on besides the object: nothing, the page's place in the file, the path walked to it. */
const FREE = 0;
const ON_PAGE = 1;
const ON_PATH = 2;
type Depends = typeof FREE | typeof ON_PAGE | typeof ON_PATH;

/** A page's /Annots without the zero-area signature widgets (they show nothing); an empty list stands for none. */
function shownAnnots(doc: PDFDocument, annots: PDFObject): PDFObject {
  const list = annots instanceof PDFRef ? doc.context.lookup(annots) : annots;
  if (!(list instanceof PDFArray)) return annots;
  const kept = list.asArray().filter((a) => !isHiddenSignatureWidget(doc.context.lookup(a)));
  return kept.length === list.size() && !(annots instanceof PDFRef) ? annots : doc.context.obj(kept);
}

function isHiddenSignatureWidget(o: PDFObject | undefined): boolean {
  if (!(o instanceof PDFDict)) return false;
  if (o.get(PDFName.of("Subtype")) !== PDFName.of("Widget") || o.get(PDFName.of("FT")) !== PDFName.of("Sig")) return false;
  const rect = o.lookup(PDFName.of("Rect"));
  if (!(rect instanceof PDFArray) || rect.size() !== 4) return false;
  const n = rect.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : Number.NaN));
  return n[0] === n[2] || n[1] === n[3];
}
