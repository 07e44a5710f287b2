/**
 * A redacted span in a rendered document: the public twin shows the replacement, the sealed twin the original; each
 * carries its twin's anchor (an id and a never-shown link to it), by which the build finds its page, and no rule text.
 */
import { describe, expect, it } from "vitest";
import type { TextSegment } from "../../src/model/redaction.js";
import { renderTemplate } from "../../src/render/index.js";
import { partsFor } from "../../src/render/text-parts.js";

const segments: TextSegment[] = [
  { text: "my card is " },
  { original: "4111 1111 1111 1111", replacement: "XXXX XXXX XXXX 1111", rule: "financial-account", mark: "r0123456789ab-1" },
  { text: " and I live at " },
  { original: "2417 N Halsted St", replacement: "[REDACTED]", rule: "street-address", mark: "r0123456789ab-2" },
];

describe("redacted parts", () => {
  it("gives each redacted part its twin's anchor", () => {
    expect(partsFor(segments, "public").map((p) => p.anchor)).toEqual([
      undefined,
      "public-r0123456789ab-1",
      undefined,
      "public-r0123456789ab-2",
    ]);
    expect(partsFor(segments, "sealed")[3]).toEqual({
      text: "2417 N Halsted St",
      cls: "highlight",
      rule: "street-address",
      anchor: "sealed-r0123456789ab-2",
    });
  });

  it("prints the anchor as an id with a hidden link to it, and never the rule", () => {
    const email = (twin: "public" | "sealed") =>
      renderTemplate("documents", {
        documents: [
          {
            anchor: "document-1",
            partial: "document-email",
            data: {
              twin,
              redacted: true,
              heading: "Email",
              source: "e.eml",
              headers: [],
              authentication: [],
              attachments: [],
              body: partsFor(segments, twin),
            },
          },
        ],
      });
    const pub = email("public");
    expect(pub).toContain(
      '<span class="redacted" id="public-r0123456789ab-1">XXXX XXXX XXXX 1111</span>' +
        '<a href="#public-r0123456789ab-1" style="display:none"></a>',
    );
    expect(pub).toContain('<span class="redacted" id="public-r0123456789ab-2">[REDACTED]</span>');
    expect(pub).not.toMatch(/street-address|financial-account|data-rule|5\.2|4111 1111 1111 1111|Halsted/);
    expect(email("sealed")).toContain('<span class="highlight" id="sealed-r0123456789ab-2">2417 N Halsted St</span>');
  });
});
