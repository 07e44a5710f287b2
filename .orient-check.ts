import sharp from "sharp";
import { greyRaster } from "./src/images/grey.ts";
const W = 40, H = 30;
const raw = Buffer.alloc(W * H);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) raw[y * W + x] = (Math.floor(x / 10) * 60 + Math.floor(y / 10) * 20) % 256;
for (let o = 1; o <= 8; o++) {
  const jpg = await sharp(raw, { raw: { width: W, height: H, channels: 1 } }).jpeg({ quality: 100 }).withMetadata({ orientation: o }).toBuffer();
  const mine = await greyRaster(jpg, o);
  const { data, info } = await sharp(jpg).rotate().toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
  let maxd = 0;
  if (info.width !== mine.width || info.height !== mine.height) { console.log(o, "size", info.width, info.height, mine.width, mine.height); continue; }
  for (let i = 0; i < data.length; i++) maxd = Math.max(maxd, Math.abs(data[i] - mine.data[i]));
  console.log(o, "maxdiff", maxd);
}
