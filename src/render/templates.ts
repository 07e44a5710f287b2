/**
 * The handlebars room. Templates live in templates/ at the package root; partials in templates/partials,
 * stylesheets in templates/styles (inlined, since rendering allows no file or network requests).
 * Escaping is on everywhere: evidence text is hostile and never goes through {{{ }}}.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

let hb: typeof Handlebars | undefined;

function engine(): typeof Handlebars {
  if (hb) return hb;
  const h = Handlebars.create();
  const list = (dir: string) => (existsSync(TEMPLATES_DIR + dir) ? readdirSync(TEMPLATES_DIR + dir).sort() : []);
  for (const name of list("partials")) {
    if (name.endsWith(".hbs")) h.registerPartial(name.slice(0, -4), readFileSync(TEMPLATES_DIR + "partials/" + name, "utf8"));
  }
  for (const name of list("styles")) {
    if (name.endsWith(".css")) h.registerPartial(`style-${name.slice(0, -4)}`, readFileSync(TEMPLATES_DIR + "styles/" + name, "utf8"));
  }
  h.registerHelper("inc", (n: number) => n + 1);
  // Text parts of redacted evidence text; every part is escaped, so evidence can never inject markup.
  h.registerHelper("parts", (parts: { text: string; cls: string; rule?: string }[] | undefined) => {
    const html = (parts ?? [])
      .map((p) => (p.cls ? `<span class="${p.cls}" data-rule="${h.escapeExpression(p.rule ?? "")}">${h.escapeExpression(p.text)}</span>` : h.escapeExpression(p.text)))
      .join("");
    return new h.SafeString(html);
  });
  h.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hb = h;
  return h;
}

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Render templates/<name>.hbs with `data`. */
export function renderTemplate(name: string, data: object): string {
  let t = compiled.get(name);
  if (!t) {
    t = engine().compile(readFileSync(`${TEMPLATES_DIR}${name}.hbs`, "utf8"), { strict: true, noEscape: false });
    compiled.set(name, t);
  }
  return t(data);
}

let identity: string | undefined;

/**
 * What every rendered HTML depends on besides its data: the template files (templates, partials,
 * stylesheets), the helpers' code and handlebars' version. A print kept under (identity, template, data) is
 * the print of the HTML those would make.
 */
export function templatesIdentity(): string {
  if (identity) return identity;
  const h = createHash("sha256").update(`handlebars ${Handlebars.VERSION}\0`);
  const walk = (dir: string) => {
    for (const e of readdirSync(TEMPLATES_DIR + dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = dir + e.name;
      if (e.isDirectory()) walk(rel + "/");
      else h.update(rel).update("\0").update(readFileSync(TEMPLATES_DIR + rel)).update("\0");
    }
  };
  walk("");
  for (const [name, fn] of Object.entries(engine().helpers).sort(([a], [b]) => (a < b ? -1 : 1))) h.update(name).update(String(fn)).update("\0");
  return (identity = h.digest("hex"));
}
