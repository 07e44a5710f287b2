/** `exhibits init`, called as a function: the starter case it writes loads as a valid case. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { init } from "../../src/commands/init.js";
import { loadCase } from "../../src/case/index.js";
import { tempDir } from "../helpers/cli.js";

describe("init", () => {
  it("writes a commented starter case that loads as a valid case", async () => {
    const cwd = tempDir();
    const { caseFile } = await init({ cwd, dir: "Acme Case" });
    const text = readFileSync(caseFile, "utf8");
    expect(text).toMatch(/^# case\.yaml/);
    const loaded = await loadCase(join(cwd, "Acme Case"));
    expect(loaded.config.id).toBe("acme-case");
    expect(loaded.config.defendants[0].id).toBe("defendant-1");
  });
});
