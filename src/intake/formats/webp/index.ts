/** Stage 2 (intake), format: WebP screenshots (and photos), recognised by the RIFF/WEBP header. */
import { INPUT_BYTES } from "../../../util/input-bounds.js";
import type { ImageFormat } from "../format.js";
import { imageReader } from "../shared/image.js";
import { imageWords } from "../shared/words.js";

export const webp: ImageFormat<"webp"> = {
  media: "webp",
  family: "image",
  kind: "screenshot",
  sniff: ({ head }) => head.length >= 12 && head.toString("latin1", 0, 4) === "RIFF" && head.toString("latin1", 8, 12) === "WEBP",
  maxBytes: INPUT_BYTES.image,
  names: /\.webp$/i,
  read: imageReader("webp"),
  words: imageWords({ name: "WEBP", codec: "WebP decoded and embedded without further loss" }),
};
