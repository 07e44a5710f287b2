// The streamed check of a PNG's image data, in plain JavaScript so a worker thread can load it without
// a TypeScript loader (see png-check-pool.ts). Types: png-data-check.d.mts.
import { createInflate } from "node:zlib";

/**
 * Inflate `idat` in 1 MiB pieces, checking each row's filter byte and the total length against the
 * header, and dropping each piece once checked. Resolves with the reason the data is damaged, or
 * undefined when it is sound.
 */
export function pngDataProblem(idat, { width, height, stride }) {
  const expected = stride * height;
  return new Promise((done) => {
    const inflate = createInflate({ chunkSize: 1 << 20 });
    let seen = 0;
    let settled = false;
    const finish = (reason) => {
      if (settled) return;
      settled = true;
      if (reason !== undefined) inflate.destroy();
      done(reason);
    };
    inflate.on("data", (chunk) => {
      if (settled) return;
      if (seen + chunk.length > expected) return finish(`image data holds more than the ${expected} bytes expected for ${width}×${height}`);
      // The filter byte of each row that starts inside this piece.
      for (let at = Math.ceil(seen / stride) * stride - seen; at < chunk.length; at += stride) {
        if (chunk[at] > 4) return finish(`row ${(seen + at) / stride} has an invalid filter type ${chunk[at]}`);
      }
      seen += chunk.length;
    });
    inflate.on("error", (e) => finish(`image data is not a valid zlib stream (${e.message})`));
    inflate.on("end", () =>
      finish(seen === expected ? undefined : `image data holds ${seen} bytes, expected ${expected} for ${width}×${height}`),
    );
    inflate.end(idat);
  });
}
