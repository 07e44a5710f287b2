/**
 * Field schemas shared by the JSON records the tool writes and reads back (manifest, provenance, timestamps,
 * capture.json), and the compile-time check that keeps each schema and its model/ type in step.
 */
import { z } from "zod";
import type { Digest } from "../model/digest.js";

/**
 * The types stay written out in model/ (the nouns, with a comment on each field; stages import them without
 * loading zod); each schema states its type, and this makes the compiler refuse any drift between the two, in
 * either direction: `const _x: SameType<z.output<typeof schema>, Model> = true`.
 */
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** `sha256:` and 64 lowercase hex digits, typed as the model's Digest. */
export const digest = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/, "expected sha256: followed by 64 lowercase hex digits")
  .transform((s) => s as Digest);

/** A POSIX path relative to its folder that cannot leave it (a record's paths are joined to that folder). */
export const relativePath = z
  .string()
  .min(1, "expected a relative path, got an empty text")
  .refine(
    (p) => !p.startsWith("/") && !p.split("/").includes(".."),
    "a path that leaves its folder (absolute, or with '..'); expected a relative path inside it",
  );

export const storedFile = z.strictObject({ path: relativePath, bytes: z.number().int().min(0), sha256: digest });

export const batesRange = z.strictObject({ first: z.string(), last: z.string() });

export const twinName = z.enum(["public", "sealed"]);
