import { localTimeInZoneToUtc, localTimeInZoneConverter } from "./src/util/time.ts";
const zones = ["America/Chicago", "Europe/Berlin", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kathmandu", "America/Santiago", "Africa/Casablanca", "Asia/Tehran", "America/St_Johns", "UTC", "Pacific/Apia", "America/Havana", "Antarctica/Troll"];
const wallOf = (ms: number, z: string) => { const p = Object.fromEntries(new Intl.DateTimeFormat("en-US", { timeZone: z, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(new Date(ms)).map((x) => [x.type, x.value])); return `${+p.year}-${+p.month}-${+p.day} ${+p.hour}:${+p.minute}:${+p.second}`; };
let n = 0, overlap = 0, bad = 0;
for (const z of zones) {
  const conv = localTimeInZoneConverter(z)!;
  for (let y = 2000; y <= 2030; y += 3) for (let mo = 1; mo <= 12; mo++) for (let day = 1; day <= 31; day += 1) for (const h of [0, 1, 2, 3, 23]) for (const mi of [0, 30, 45]) {
    const t = { year: y, month: mo, day, hour: h, minute: mi, second: 7 };
    const a = localTimeInZoneToUtc(t, z), b = conv(t);
    n++;
    if (a === b) continue;
    const want = `${y}-${mo}-${day} ${h}:${mi}:7`;
    if (a && b && b < a && wallOf(Date.parse(a), z) === want && wallOf(Date.parse(b), z) === want) { overlap++; continue; }
    bad++; if (bad < 15) console.log(z, JSON.stringify(t), a, b);
  }
}
console.log(n, "checked;", overlap, "overlaps where the converter gives the earlier instant;", bad, "other differences");
