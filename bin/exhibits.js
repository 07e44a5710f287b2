#!/usr/bin/env node
// The `exhibits` command: runs the TypeScript sources through tsx's loader (no build step to forget).
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
