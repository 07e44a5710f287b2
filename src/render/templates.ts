/**
 * The handlebars room. Templates live in templates/ at the package root; partials in templates/partials,
 * stylesheets in templates/styles (inlined, since rendering allows no file or network requests).
 * Escaping is on everywhere: evidence text is hostile and never goes through {{{ }}}.
 * EXHIBITS_TEMPLATES names another folder laid out the same way (an edited copy: to try a change to a
 * template, and in the tests that check what such a change invalidates); every print is keyed by the
 * templates' identity, so nothing printed from other templates is reused.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

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

function templates(): Templates {
  const TEMPLATES_DIR = templatesDir();
  const known = byDir.get(TEMPLATES_DIR);
  if (known) return known;
  const h = Handlebars.create();
  const list = (dir: string) => (existsSync(TEMPLATES_DIR + dir) ? readdirSync(TEMPLATES_DIR + dir).sort() : []);
  for (const name of list("partials")) {
    if (name.endsWith(".hbs")) h.registerPartial(name.slice(0, -4), readFileSync(TEMPLATES_DIR + "partials/" + name, "utf8"));
  }
  for (const name of list("styles")) {
    if (name.endsWith(".css")) h.registerPartial(`style-${name.slice(0, -4)}`, readFileSync(TEMPLATES_DIR + "styles/" + name, "utf8"));
  }
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
  const made: Templates = { hb: h, compiled: new Map() };
  byDir.set(TEMPLATES_DIR, made);
  return made;
}

/** Render templates/<name>.hbs with `data`. */
export function renderTemplate(name: string, data: object): string {
  const { hb, compiled } = templates();
  let t = compiled.get(name);
  if (!t) {
    t = hb.compile(readFileSync(`${templatesDir()}${name}.hbs`, "utf8"), { strict: true, noEscape: false });
    compiled.set(name, t);
  }
  return t(data);
}

/**
 * What every rendered HTML depends on besides its data: the template files (templates, partials,
 * stylesheets), the helpers' code and handlebars' version. A print kept under (identity, template, data) is
 * the print of the HTML those would make.
 */
export function templatesIdentity(): string {
  const t = templates();
  if (t.identity) return t.identity;
  const TEMPLATES_DIR = templatesDir();
  const h = createHash("sha256").update(`handlebars ${Handlebars.VERSION}\0`);
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
