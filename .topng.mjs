import sharp from "sharp";
await sharp(process.argv[2]).rotate().resize({ width: 800 }).png().toFile(process.argv[3]);
