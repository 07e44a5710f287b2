/** `exhibits doctor`'s readings of what the system programs print, on the outputs they give, and its apt command. */
import { describe, expect, it } from "vitest";
import {
  aptCommand,
  bannerVersion,
  fcFamilies,
  formatDoctor,
  hasColourEmoji,
  tesseractPackage,
  type DoctorCheck,
} from "../../src/commands/doctor-parse.js";
import { listedLanguages } from "../../src/ocr/index.js";

describe("fc-list output", () => {
  it("gives each font's first family name once, sorted, with fontconfig's escaped hyphens undone", () => {
    const out = [
      "Noto Serif CJK JP,Noto Serif CJK JP Medium",
      "Noto Sans CJK KR,Noto Sans CJK KR Bold",
      "Noto Serif CJK JP,Noto Serif CJK JP Bold",
      "DejaVu Sans",
      "Liberation Sans\\-Narrow",
      "",
    ].join("\n");
    expect(fcFamilies(out)).toEqual(["DejaVu Sans", "Liberation Sans-Narrow", "Noto Sans CJK KR", "Noto Serif CJK JP"]);
  });

  it("reads nothing as no font", () => {
    expect(fcFamilies("")).toEqual([]);
    expect(fcFamilies("\n\n")).toEqual([]);
  });

  it("counts colour emoji by fontconfig's colour query, or by Noto Color Emoji's name", () => {
    expect(hasColourEmoji(["DejaVu Sans", "Noto Color Emoji"], [])).toBe(true);
    expect(hasColourEmoji(["DejaVu Sans"], ["Twemoji"])).toBe(true);
    expect(hasColourEmoji(["DejaVu Sans", "Symbola"], [])).toBe(false);
  });
});

describe("tesseract --list-langs output", () => {
  it("lists the languages below the heading, without osd", () => {
    const out = 'List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (4):\nosd\neng\nchi_sim\nchi_tra_vert\n';
    expect(listedLanguages(out)).toEqual(["chi_sim", "chi_tra_vert", "eng"]);
  });

  it("reads tesseract 4's heading and an empty list", () => {
    expect(listedLanguages("List of available languages (2):\neng\nosd\n")).toEqual(["eng"]);
    expect(listedLanguages('List of available languages in "/x/" (0):\n')).toEqual([]);
  });

  it("names Debian's package of each language", () => {
    expect(tesseractPackage("eng")).toBe("tesseract-ocr-eng");
    expect(tesseractPackage("chi_sim")).toBe("tesseract-ocr-chi-sim");
    expect(tesseractPackage("chi_tra_vert")).toBe("tesseract-ocr-chi-tra-vert");
  });
});

describe("version banners", () => {
  it("reads the version each program prints", () => {
    expect(bannerVersion("qpdf version 11.3.0\nRun qpdf --copyright to see copyright and license information.")).toBe("11.3.0");
    expect(bannerVersion("\npdftotext version 22.12.0\nCopyright 2005-2022 The Poppler Developers")).toBe("22.12.0");
    expect(bannerVersion("Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)\n")).toBe("156.0.8078.114");
    expect(bannerVersion("Google Chrome 131.0.6778.85 \n")).toBe("131.0.6778.85");
    expect(bannerVersion("tesseract 5.3.0\n leptonica-1.82.0")).toBe("5.3.0");
    expect(bannerVersion("no version here")).toBeUndefined();
  });
});

const check = (id: string, status: DoctorCheck["status"], packages: string[]): DoctorCheck => ({
  id,
  name: id,
  status,
  required: status === "missing",
  detail: `${id} detail`,
  ...(status === "ok" ? {} : { fix: `install ${packages.join(" ")}` }),
  packages,
});

describe("the apt-get command and the printed report", () => {
  it("installs every package a check not ok names, once, in the order named; none when all is well", () => {
    const checks = [
      check("qpdf", "missing", ["qpdf"]),
      check("pdftotext", "missing", ["poppler-utils"]),
      check("pdfimages", "missing", ["poppler-utils"]),
      check("fonts-cjk", "warning", ["fonts-noto-cjk"]),
      check("tesseract", "ok", []),
      check("disk", "warning", []),
    ];
    expect(aptCommand(checks)).toBe("sudo apt-get install -y --no-install-recommends qpdf poppler-utils fonts-noto-cjk");
    expect(aptCommand([check("qpdf", "ok", [])])).toBeUndefined();
  });

  it("prints one line per check, then what is missing and the command", () => {
    const text = formatDoctor([
      check("chromium", "ok", []),
      check("qpdf", "missing", ["qpdf"]),
      check("fonts-thai", "warning", ["fonts-noto-core"]),
    ]);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^ok {6}chromium {4}chromium detail$/);
    expect(lines[1]).toMatch(/^MISSING qpdf {8}qpdf detail$/);
    expect(lines[2]).toMatch(/^WARNING fonts-thai {2}fonts-thai detail$/);
    expect(text).toContain("Missing (required): qpdf");
    expect(text).toContain("  sudo apt-get install -y --no-install-recommends qpdf fonts-noto-core");
    expect(formatDoctor([check("chromium", "ok", [])])).toContain("Everything exhibits needs is here.");
  });
});
