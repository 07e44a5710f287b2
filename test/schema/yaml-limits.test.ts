/** YAML bounds (schema/yaml-text.ts, schema/yaml-shape.ts): each refusal names the file and the line, and comes fast. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseYaml } from "../../src/schema/validate.js";

const anything = z.unknown();
const message = (source: string | Uint8Array, max?: number) => {
  const r = parseYaml(typeof source === "string" ? Buffer.from(source) : source, "x.yaml", anything, max);
  return "errors" in r ? r.errors.map((e) => e.message).join("\n") : "ok";
};

describe("YAML bounds", () => {
  it("refuses a file over its bound before parsing it", () => {
    expect(message(`a: "${"x".repeat(10 << 20)}"\n`, 1 << 20)).toMatch(/^x\.yaml: is 10\.0 MB, over the 1 MB bound/);
  });

  it("refuses NUL bytes, control characters and invalid UTF-8, naming the line", () => {
    expect(message("a: 1\nb: x\u0000y\n")).toMatch(/^x\.yaml:2: holds a NUL byte/);
    expect(message("a: 1\n\nb: \u001b[31m\n")).toMatch(/^x\.yaml:3: holds the control character U\+001B/);
    expect(message(Buffer.from([0x61, 0x3a, 0x20, 0x0a, 0x62, 0x3a, 0x20, 0xff, 0x0a]))).toMatch(/^x\.yaml:2: is not UTF-8 text/);
    expect(message(Buffer.from([0x61, 0x3a, 0x20, 0xed, 0xa0, 0x80]))).toMatch(/not UTF-8/); // an encoded surrogate
    expect(message("\ufeffa: 1\n")).toBe("ok");
  });

  it("refuses tags other than the core ones, naming the line", () => {
    expect(message("a: 1\nf: !!js/function 'function () {}'\n")).toMatch(/^x\.yaml:2:\d+: the tag !!js\/function is not allowed/);
    expect(message("a: !custom x\n")).toMatch(/the tag !custom is not allowed/);
    expect(message("a: !!str 12\n")).toBe("ok");
  });

  it("refuses alias bombs and too many aliases, naming the line", () => {
    const levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"];
    for (let k = 1; k < 7; k++)
      levels.push(
        `a${k}: &a${k} [${Array(9)
          .fill(`*a${k - 1}`)
          .join(", ")}]`,
      );
    expect(message(`${levels.join("\n")}\n`)).toMatch(/^x\.yaml:\d+:\d+: its aliases expand to more than 10000 values/);
    expect(message(`a: &a 1\nb: [${Array(101).fill("*a").join(", ")}]\n`)).toMatch(/^x\.yaml:2:\d+: uses more than 100 aliases/);
    expect(message("base: &b {x: 1}\nuse: *b\n")).toBe("ok");
  });

  it("refuses deep nesting and duplicate keys", () => {
    expect(message(`a: ${"[".repeat(70)}${"]".repeat(70)}\n`)).toMatch(/nested more than 64 levels/);
    expect(message(`a: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`)).toMatch(/^x\.yaml:\d+.*nested/);
    expect(message("a: 1\nb: 2\na: 3\n")).toMatch(/^x\.yaml:3:1: the key 'a' appears twice/);
  });

  it("finds a key given twice among 20,000, naming its line", () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: v\n`);
    keys.push("k7: again\n");
    expect(message(keys.join(""))).toMatch(/^x\.yaml:20001:1: the key 'k7' appears twice/);
  });
});
