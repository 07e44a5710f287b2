/**
 * The handlebars room. Templates live in templates/ at the package root; partials in templates/partials,
 * stylesheets in templates/styles (inlined, since rendering allows no file or network requests).
 * Escaping is on everywhere: evidence text is hostile and never goes through {{{ }}}.
 * A court profile's templates (templates/court/<profile>/, then templates/court/federal/) come before these: a
 * template, partial or stylesheet there replaces the one of the same name, and `style-paper` is the profile's
 * geometry (court/paper-css.ts). Legal prose that differs by court lives in those folders.
 * EXHIBITS_TEMPLATES names another folder laid out the same way (an edited copy: to try a change to a
 * template, and in the tests that check what such a change invalidates); every print is keyed by the
 * templates' identity, so nothing printed from other templates is reused.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { courtProfile, paperCss, type CourtId } from "../court/index.js";

export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

/** The templates folder in use (with a trailing slash). */
function templatesDir(): string {
  const dir = process.env.EXHIBITS_TEMPLATES;
  return dir ? resolve(dir) + sep : TEMPLATES_DIR;
}

/** A folder's engine (partials and helpers registered), its compiled templates, and its identity. */
interface Templates {
  hb: typeof Handlebars;
  compiled: Map<string, Handlebars.TemplateDelegate>;
  identity?: string;
}
const byDir = new Map<string, Templates>();

/** The folders a court's templates are looked up in, most specific first (relative to the templates folder). */
function layers(court: CourtId): string[] {
  return [...new Set([`court/${court}/`, "court/federal/", ""])];
}

function templates(court: CourtId = "federal"): Templates {
  const TEMPLATES_DIR = templatesDir();
  const engineKey = `${TEMPLATES_DIR}\0${court}`;
  const known = byDir.get(engineKey);
  if (known) return known;
  const h = Handlebars.create();
  const list = (dir: string) => (existsSync(TEMPLATES_DIR + dir) ? readdirSync(TEMPLATES_DIR + dir).sort() : []);
  // Least specific first, so a profile's partial replaces the shared one of the same name.
  for (const layer of layers(court).reverse()) {
    for (const name of list(layer + "partials")) {
      if (name.endsWith(".hbs")) h.registerPartial(name.slice(0, -4), readFileSync(TEMPLATES_DIR + layer + "partials/" + name, "utf8"));
    }
    for (const name of list(layer + "styles")) {
      if (name.endsWith(".css"))
        h.registerPartial(`style-${name.slice(0, -4)}`, readFileSync(TEMPLATES_DIR + layer + "styles/" + name, "utf8"));
    }
  }
  h.registerPartial("style-paper", paperCss(courtProfile(court)));
  h.registerPartial("style-paper-landscape", paperCss(courtProfile(court), "landscape"));
  h.registerHelper("inc", (n: number) => n + 1);
  // Text parts of redacted evidence text; every part is escaped, so evidence can never inject markup. A redacted
  // span with an anchor gets an id and a link to it that is never shown: Chromium writes a named destination for
  // every element a link points at, which says on which page the span landed (the redaction log's Bates page).
  h.registerHelper("parts", (parts: { text: string; cls: string; anchor?: string }[] | undefined) => {
    const html = (parts ?? [])
      .map((p) => {
        if (!p.cls) return h.escapeExpression(p.text);
        const id = p.anchor ? h.escapeExpression(p.anchor) : undefined;
        const span = `<span class="${p.cls}"${id ? ` id="${id}"` : ""}>${h.escapeExpression(p.text)}</span>`;
        return id ? `${span}<a href="#${id}" style="display:none"></a>` : span;
      })
      .join("");
    return new h.SafeString(html);
  });
  h.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  // A file path or name that breaks only after a "/" or at a space, never at a hyphen: a hyphen at a line's end would
  // read as a word split (and text extraction drops it), so "06-instagram-dm" stays whole.
  h.registerHelper("filePath", (text: string | undefined) => {
    const escaped = h.escapeExpression(text ?? "");
    const hyphenated = (token: string) =>
      token
        .split("/")
        .map((part) => (part.includes("-") ? `<span style="white-space:nowrap">${part}</span>` : part))
        .join("/<wbr>");
    return new h.SafeString(escaped.replace(/[^\s]+/g, (t) => (t.includes("-") || t.includes("/") ? hyphenated(t) : t)));
  });
  // A title with its numbers kept whole on a line: an order id "114-7730215-6620491" never breaks at a hyphen.
  h.registerHelper("keepNumbers", (text: string | undefined) => {
    const escaped = h.escapeExpression(text ?? "");
    return new h.SafeString(escaped.replace(/\d+(?:[-–]\d+)+/g, (n) => `<span style="white-space:nowrap">${n}</span>`));
  });
  const made: Templates = { hb: h, compiled: new Map() };
  byDir.set(engineKey, made);
  return made;
}

/** Render <name>.hbs with `data`: the court profile's own template when it has one, else the shared one. */
export function renderTemplate(name: string, data: object, court: CourtId = "federal"): string {
  const { hb, compiled } = templates(court);
  let t = compiled.get(name);
  if (!t) {
    const dir = templatesDir();
    const file = layers(court)
      .map((layer) => `${dir}${layer}${name}.hbs`)
      .find((f) => existsSync(f));
    t = hb.compile(readFileSync(file ?? `${dir}${name}.hbs`, "utf8"), { strict: true, noEscape: false });
    compiled.set(name, t);
  }
  return t(data);
}

/**
 * What every rendered HTML depends on besides its data: the template files (templates, partials,
 * stylesheets), the helpers' code and handlebars' version. A print kept under (identity, template, data) is
 * the print of the HTML those would make.
 */
export function templatesIdentity(court: CourtId = "federal"): string {
  const t = templates(court);
  if (t.identity) return t.identity;
  const TEMPLATES_DIR = templatesDir();
  const h = createHash("sha256").update(`handlebars ${Handlebars.VERSION}\0court ${JSON.stringify(courtProfile(court))}\0`);
  const walk = (dir: string) => {
    for (const e of readdirSync(TEMPLATES_DIR + dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = dir + e.name;
      if (e.isDirectory()) walk(rel + "/");
      else
        h.update(rel)
          .update("\0")
          .update(readFileSync(TEMPLATES_DIR + rel))
          .update("\0");
    }
  };
  walk("");
  for (const [name, fn] of Object.entries(t.hb.helpers).sort(([a], [b]) => (a < b ? -1 : 1)))
    h.update(name).update(String(fn)).update("\0");
  return (t.identity = h.digest("hex"));
}
