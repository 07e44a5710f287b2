/**
 * text.json of a capture folder (type TextLayer in src/model/capture.ts): the visible text boxes that become
 * an exhibit's invisible text layer. Hashed in capture.json like every capture file, and read through this
 * schema before a box is placed on a page.
 */
import { z } from "zod";
import type { TextLayer } from "../model/capture.js";
import type { SameType } from "./fields.js";

const px = z.number().finite();

export const textLayerSchema = z.strictObject({
  format: z.literal("exhibits-text/1"),
  width: px,
  height: px,
  boxes: z.array(z.strictObject({ x: px, y: px, width: px, height: px, text: z.string(), words: z.array(px).optional() })),
});

const _layer: SameType<z.output<typeof textLayerSchema>, TextLayer> = true;
void _layer;
