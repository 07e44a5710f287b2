/** Stage 2 (intake), format: PNG screenshots (and photos), recognised by the PNG signature. */
import { INPUT_BYTES } from "../../../util/input-bounds.js";
import type { ImageFormat } from "../format.js";
import { imageReader } from "../shared/image.js";
import { imageWords } from "../shared/words.js";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const png: ImageFormat<"png"> = {
  media: "png",
  family: "image",
  kind: "screenshot",
  sniff: ({ head }) => head.length >= 8 && head.subarray(0, 8).equals(SIGNATURE),
  maxBytes: INPUT_BYTES.image,
  names: /\.png$/i,
  read: imageReader("png"),
  words: imageWords({ name: "PNG", codec: "PNG pixels embedded losslessly" }),
};
