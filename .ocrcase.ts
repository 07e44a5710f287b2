import { writeOcrCase } from "./test/helpers/ocr-case.ts";
import { mkdirSync } from "node:fs";
mkdirSync("/tmp/ocrcase", { recursive: true });
await writeOcrCase("/tmp/ocrcase");
