import sharp from "sharp";
const [,, src, dst, t] = process.argv;
await sharp(src).greyscale().threshold(+t).png().toFile(dst);
