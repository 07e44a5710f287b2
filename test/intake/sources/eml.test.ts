import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  authResultsSummary,
  decodeEntities,
  dkimSummary,
  htmlToText,
  looksLikeEml,
  parseEml,
} from "../../../src/intake/formats/eml/parse.js";
import { InvalidInputError } from "../../../src/util/errors.js";
import { rfc5322DateToUtc } from "../../../src/util/time.js";
import { applyByteEdits, edits, onlyInputErrors } from "./fuzz.js";

const EML = readFileSync(join(import.meta.dirname, "../../fixtures/exports/email/amazon-order.eml"));
const INVOICE = Buffer.from("%PDF-1.4\n% invented invoice for tests\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const crlf = (s: string) => Buffer.from(s.replace(/\r?\n/g, "\r\n"), "utf8");

async function errorOf(fn: () => Promise<unknown>): Promise<InvalidInputError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof InvalidInputError) return e;
    throw e;
  }
  throw new Error("expected an InvalidInputError");
}

describe("parseEml: an Amazon order confirmation", async () => {
  const r = await parseEml(EML, "amazon-order.eml");

  it("reads subject (encoded word decoded), from, to, message id and the date in UTC", () => {
    expect(r.subject).toBe('Ordered: "Luxury Logo Tote Bag…" and 1 more item');
    expect(r.from).toBe("Amazon.com <auto-confirm@amazon.com>");
    expect(r.to).toBe("renata.delgado@example.com");
    expect(r.messageId).toBe("<0100019a1b2c3d4e-5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c-000000@email.amazonses.com>");
    expect(r.date).toBe("2025-10-25T20:27:44Z");
  });

  it("keeps the authentication headers in file order, all Received and DKIM-Signature lines included", () => {
    expect(r.headers.map((h) => h.name)).toEqual([
      "Return-Path",
      "Received",
      "Received",
      "Received",
      "ARC-Authentication-Results",
      "Authentication-Results",
      "DKIM-Signature",
      "DKIM-Signature",
      "Date",
      "From",
      "Reply-To",
      "To",
      "Message-ID",
      "Subject",
      "X-AMAZON-METADATA",
      "Feedback-ID",
    ]);
    expect(r.headers[1].value).toBe(
      "from mx.mail.example.com (mx.mail.example.com [192.0.2.10]) by inbox.example.com with ESMTPS id k7-20020a05 for " +
        "<renata.delgado@example.com>; Sat, 25 Oct 2025 13:27:46 -0700 (PDT)",
    );
    expect(r.headers.find((h) => h.name === "X-AMAZON-METADATA")?.value).toBe("CA=C1Q2W3E4R5T6Y7-CU=A1B2C3D4E5F6G7");
    expect(r.headers.some((h) => h.value.includes("invented-test-mailer"))).toBe(false); // X-Mailer is not kept
  });

  it("summarises DKIM signatures as present but not verified, then the recorded results", () => {
    expect(r.authentication).toEqual([
      "DKIM-Signature present: d=amazon.com, s=rjnxzqbkh5hwyq7ep7uzp5ruffvkcwfk, a=rsa-sha256 — not verified (offline)",
      "DKIM-Signature present: d=amazonses.com, s=224i4yxa5dv7c2xz3womw6peuasteono, a=rsa-sha256 — not verified (offline)",
      "ARC-Authentication-Results by mx.mail.example.com: dkim=pass header.i=@amazon.com; spf=pass " +
        "smtp.mailfrom=20251025202744a1b2c3d4e5f6@bounces.amazon.com; dmarc=pass header.from=amazon.com (as recorded by that server)",
      "Authentication-Results by mx.mail.example.com: dkim=pass header.i=@amazon.com; dkim=pass header.i=@amazonses.com; spf=pass " +
        "smtp.mailfrom=20251025202744a1b2c3d4e5f6@bounces.amazon.com; dmarc=pass header.from=amazon.com (as recorded by that server)",
    ]);
    expect(r.authentication.join("\n")).not.toMatch(/verified(?! \(offline\))/);
  });

  it("takes the text/plain part, decoded from quoted-printable", () => {
    expect(r.text).toContain("Order #113-4827351-9021846\n\nLuxury Logo Tote Bag – Brown Monogram Canvas\nQuantity: 3\n$59.97");
    expect(r.text).toContain("Order Total: $92.21");
    expect(r.text).not.toContain("\r");
    expect(r.text).not.toContain("<td>");
  });

  it("lists attachments with size and SHA-256 of the decoded content", () => {
    expect(r.attachments).toEqual([
      {
        filename: "invoice-113-4827351-9021846.pdf",
        contentType: "application/pdf",
        bytes: INVOICE.length,
        sha256: `sha256:${createHash("sha256").update(INVOICE).digest("hex")}`,
      },
    ]);
  });
});

describe("parseEml: other messages", () => {
  it("reduces an HTML-only body with its own converter", async () => {
    const msg = crlf(`From: Shop <orders@shop.example>
To: buyer@example.com
Subject: Your order
Date: Tue, 4 Nov 2025 08:05:00 -0800
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

<html><head><title>T</title><style>td{x:y}</style></head><body><p>Hi&nbsp;there,</p>=
<table><tr><td>Item</td><td>Qty</td></tr><tr><td>Logo Belt</td><td>3</td>=
</tr></table><script>alert(1)</script><ul><li>one</li><li>two &amp; three</li></ul>Total:<br>$59.97</body></html>
`);
    const r = await parseEml(msg, "shop.eml");
    expect(r.text).toBe("Hi there,\n\nItem\tQty\nLogo Belt\t3\n• one\n• two & three\nTotal:\n$59.97");
    expect(r.date).toBe("2025-11-04T16:05:00Z");
    expect(r.authentication).toEqual([]);
    expect(r.attachments).toEqual([]);
  });

  it("accepts a plain message with an mbox From_ line and no MIME-Version", async () => {
    const msg = crlf(`From MAILER-DAEMON Fri Jul  8 12:08:34 2011
From: a@example.com
Subject: hello
Date: 25 Oct 2025 20:27 GMT

Body line
`);
    const r = await parseEml(msg, "m.eml");
    expect(r).toMatchObject({ from: "a@example.com", subject: "hello", date: "2025-10-25T20:27:00Z", text: "Body line" });
  });

  it("leaves the date out when the Date header is not RFC 5322", async () => {
    const r = await parseEml(crlf("From: a@example.com\nDate: sometime last week\nSubject: s\n\nx\n"), "m.eml");
    expect(r.date).toBeUndefined();
    expect(r.headers.find((h) => h.name === "Date")?.value).toBe("sometime last week");
  });

  it.each([
    ["Order ID,ASIN\n1,2\n", "the first line is not a header field"],
    ["Subject: no sender\nDate: Sat, 25 Oct 2025 20:27:44 +0000\n\nx", "no From field"],
    ["From: a@example.com\nX-Thing: y\n\nx", "no Date, Subject or MIME-Version field"],
    ["   indented\n", "starts with indented text"],
    ["", "the file is empty"],
  ])("rejects %j as not an email", async (text, problem) => {
    const e = await errorOf(() => parseEml(Buffer.from(text), "x.eml"));
    expect(e.location).toEqual({ file: "x.eml", line: 1 });
    expect(e.message.startsWith("x.eml:1: not an RFC 5322 email: ")).toBe(true);
    expect(e.message).toContain(problem);
  });
});

describe("looksLikeEml", () => {
  it("recognises a header block and nothing else", () => {
    expect(looksLikeEml(EML.toString("utf8"))).toBe(true);
    expect(looksLikeEml("From: a@example.com\r\nSubject: x\r\n\r\nbody")).toBe(true);
    expect(looksLikeEml('"Website","Order ID"\n')).toBe(false);
    expect(looksLikeEml("[06/03/2017, 00:45] Ann: From: me")).toBe(false);
    expect(looksLikeEml("Date,Time,TimeZone,Name\n")).toBe(false);
  });
});

describe("authentication summaries", () => {
  it("reads the DKIM tags even with folding white space, and marks missing ones", () => {
    expect(dkimSummary("v=1; a=rsa-sha256; d=ex ample.com;\t s=sel")).toBe(
      "DKIM-Signature present: d=example.com, s=sel, a=rsa-sha256 — not verified (offline)",
    );
    expect(dkimSummary("garbage")).toBe("DKIM-Signature present: d=?, s=?, a=? — not verified (offline)");
  });

  it("shortens Authentication-Results, dropping comments and signature fragments", () => {
    expect(
      authResultsSummary("Authentication-Results", "mx.example.net 1; dkim=fail (bad sig) header.d=shop.example header.b=abc; spf=none"),
    ).toBe("Authentication-Results by mx.example.net: dkim=fail header.d=shop.example; spf=none (as recorded by that server)");
    expect(authResultsSummary("Authentication-Results", "mx.example.net; none")).toBe(
      "Authentication-Results by mx.example.net: none (as recorded by that server)",
    );
  });
});

describe("htmlToText", () => {
  it.each([
    ["a<br>b<br/>c<br />d", "a\nb\nc\nd"],
    ["<div>one</div><div>two</div>", "one\ntwo"],
    ["<p>one</p><p>two</p>", "one\n\ntwo"],
    ["<table><tr><td> A </td><td>B</td></tr><tr><th>C</th><td></td><td>D</td></tr></table>", "A\tB\nC\tD"],
    ["x<!-- hidden <b>y</b> -->z", "xz"],
    ['<a href="https://e.example/?a=1&amp;b=>2">link</a> text', "link text"],
    ["<style>p{}</style><script>if (a < b) {}</script>shown", "shown"],
    ["<head><title>t</title>no body tag here", ""],
    ["<head><title>t</title><body>body", "body"],
    ["&lt;b&gt; &amp;amp; &#169; &#x20AC; &euro; &bogus; &#0; &#xD800;", "<b> &amp; © € € &bogus; \ufffd \ufffd"],
    ["a   b\n\n\nc", "a b c"],
    ["1 < 2 and 3 > 2", "1 < 2 and 3 > 2"],
    ["<p>a</p>\n\n\n<p></p><p></p><div></div><p>b</p>", "a\n\nb"],
    ["<!DOCTYPE html><html><body>x</body></html>", "x"],
  ])("%j → %j", (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  // Hostile markup (unclosed scripts, comments, endless tags) still converts; speed is measured in the
  // benchmark, never asserted here.
  it("converts hostile markup without losing text", () => {
    expect(htmlToText("<script".repeat(2000) + "<a ".repeat(2000) + "<!--".repeat(2000))).toBe("");
    expect(htmlToText(`${"word ".repeat(500)}${"<div> x </div><p></p><br>".repeat(500)}`)).toMatch(/^(word ){499}word\s+x/);
    expect(htmlToText("<td>a</td><tr>".repeat(500)).match(/a/g)).toHaveLength(500);
  });

  it("decodes entities", () => {
    expect(decodeEntities("Tom &amp; Jerry&nbsp;&mdash;&#8212;")).toBe("Tom & Jerry\u00a0——");
  });
});

describe("rfc5322DateToUtc", () => {
  it.each([
    ["Sat, 25 Oct 2025 20:27:44 +0000", "2025-10-25T20:27:44Z"],
    ["Sat, 25 Oct 2025 13:27:44 -0700 (PDT)", "2025-10-25T20:27:44Z"],
    ["25 Oct 2025 22:27 +0200", "2025-10-25T20:27:00Z"],
    ["Tue, 4 Nov 25 08:05:00 PST", "2025-11-04T16:05:00Z"],
    ["Sat, 25 Oct 2025 20:27:44 GMT", "2025-10-25T20:27:44Z"],
  ])("%s → %s", (text, iso) => {
    expect(rfc5322DateToUtc(text)).toBe(iso);
  });

  it.each([
    "Sat, 31 Feb 2025 20:27:44 +0000",
    "2025-10-25T20:27:44Z",
    "Sat, 25 Foo 2025 20:27:44 +0000",
    "Sat, 25 Oct 2025 20:27:44 XYZ",
    "",
  ])("rejects %j", (text) => {
    expect(rfc5322DateToUtc(text)).toBeUndefined();
  });
});

describe("parseEml: robustness (property tests)", () => {
  const check = async (bytes: Uint8Array) => {
    const r = await onlyInputErrors(() => parseEml(bytes, "fuzz.eml"));
    if (r) {
      expect(Array.isArray(r.headers)).toBe(true);
      expect(typeof r.text).toBe("string");
      for (const a of r.attachments) expect(a.sha256).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    expect(typeof looksLikeEml(Buffer.from(bytes).toString("utf8"))).toBe("boolean");
  };

  it("arbitrary bytes: a result or an InvalidInputError, nothing else", async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), check), { numRuns: 300 });
  });

  it("header-shaped noise", async () => {
    const line = fc.oneof(
      fc.constantFrom(
        "From: a@example.com",
        "Subject: x",
        "Date: Sat, 25 Oct 2025 20:27:44 +0000",
        "MIME-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=b",
        "--b",
        "--b--",
        "Content-Type: text/html",
        "Content-Transfer-Encoding: base64",
        "Content-Transfer-Encoding: quoted-printable",
        "DKIM-Signature: d=; s",
        "",
        " folded",
      ),
      fc.string({ maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), (lines) => check(crlf(lines.join("\n")))),
      { numRuns: 300 },
    );
  });

  it("byte edits of a valid message (dropped, duplicated, inserted bytes)", async () => {
    await fc.assert(
      fc.asyncProperty(edits, (e) => check(applyByteEdits(EML, e))),
      { numRuns: 300 },
    );
  });

  it("htmlToText never throws", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: fc.constantFrom(..."<>/!-&#;x0 abdiptrhsc=\"'".split("")), maxLength: 300 }),
        ),
        (html) => {
          expect(typeof htmlToText(html)).toBe("string");
        },
      ),
      { numRuns: 1000 },
    );
  });
});
