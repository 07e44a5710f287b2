// Worker thread of png-check-pool.ts: checks PNG image data off the main thread, where the inflate's
// short-lived buffers cost a small heap's garbage collection instead of the build's.
import { parentPort } from "node:worker_threads";
import { pngDataProblem } from "./png-data-check.mjs";

parentPort.on("message", ({ id, idat, shape }) => {
  pngDataProblem(idat, shape).then(
    (reason) => parentPort.postMessage({ id, reason }),
    (e) => parentPort.postMessage({ id, reason: `image data could not be checked (${e?.message ?? e})` }),
  );
});
