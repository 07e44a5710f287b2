/**
 * sharp (libvips), loaded on first use: a rebuild whose images are all in the build cache never pays for
 * loading it.
 */
import type SharpModule from "sharp";

let loaded: Promise<typeof SharpModule> | undefined;

export function loadSharp(): Promise<typeof SharpModule> {
  return (loaded ??= import("sharp").then((m) => m.default));
}
