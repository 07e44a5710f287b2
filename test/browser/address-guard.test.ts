/** Which addresses a capture may request (browser/address-guard.ts): ranges, IPv4-mapped IPv6, names resolved. */
import { describe, expect, it } from "vitest";
import { addressGuard, describeRefusal, refusedRange } from "../../src/browser/address-guard.js";

describe("refusedRange", () => {
  it("refuses loopback, private, carrier-NAT and unspecified addresses unless private ones are allowed", () => {
    for (const ip of [
      "127.0.0.1",
      "127.9.9.9",
      "::1",
      "0.0.0.0",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "100.64.0.1",
      "fd12::1",
      "fc00::1",
    ]) {
      expect(refusedRange(ip, false), ip).toBeDefined();
      expect(refusedRange(ip, true), ip).toBeUndefined();
    }
  });

  it("refuses link-local and cloud-metadata addresses even with --allow-private", () => {
    expect(refusedRange("169.254.169.254", true)).toMatch(/^link-local \(169\.254\.0\.0\/16/);
    expect(refusedRange("fe80::1", true)).toMatch(/^link-local \(fe80::\/10\)/);
    expect(refusedRange("fd00:ec2::254", true)).toMatch(/cloud instance-metadata/);
    expect(refusedRange("fd00:ec2::254", false)).toMatch(/cloud instance-metadata/);
    expect(refusedRange("::ffff:169.254.169.254", true)).toMatch(/^link-local/);
    expect(refusedRange("[fe80::1%eth0]", true)).toMatch(/^link-local/);
  });

  it("lets public addresses through, and the neighbours of each refused range", () => {
    for (const ip of [
      "93.184.216.34",
      "172.32.0.1",
      "172.15.255.255",
      "100.128.0.1",
      "169.255.0.1",
      "2606:4700::1111",
      "fe00::1",
      "::ffff:8.8.8.8",
    ])
      expect(refusedRange(ip, false), ip).toBeUndefined();
  });

  it("is silent on what is not an address", () => {
    expect(refusedRange("shop.example", false)).toBeUndefined();
  });
});

describe("addressGuard", () => {
  const resolver = (table: Record<string, string[]>) => {
    const asked: string[] = [];
    const resolve = async (host: string) => {
      asked.push(host);
      const found = table[host];
      if (!found) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
      return found;
    };
    return { asked, resolve };
  };

  it("refuses a name when any address it resolves to is refused, and looks each host up once", async () => {
    const r = resolver({ "shop.example": ["93.184.216.34"], "sneaky.example": ["93.184.216.35", "169.254.169.254"] });
    const g = addressGuard(true, r.resolve);
    expect(await g.check("https://shop.example/item/1")).toBeUndefined();
    const refused = await g.check("http://sneaky.example/latest/meta-data/");
    expect(refused).toMatchObject({ host: "sneaky.example", address: "169.254.169.254" });
    expect(describeRefusal(refused!)).toMatch(/^sneaky\.example \(169\.254\.169\.254\), which is link-local/);
    await g.check("http://sneaky.example/other");
    expect(r.asked).toEqual(["shop.example", "sneaky.example"]);
  });

  it("judges IP literals and localhost without asking DNS; other schemes and unknown names pass", async () => {
    const r = resolver({});
    const strict = addressGuard(false, r.resolve);
    expect(await strict.check("http://127.0.0.1:8080/x")).toMatchObject({ address: "127.0.0.1" });
    expect(await strict.check("http://[::1]/")).toMatchObject({ address: "::1" });
    expect(await strict.check("http://app.localhost/")).toMatchObject({ address: "127.0.0.1" });
    // The URL parser turns other spellings of an IPv4 address into the dotted form before it is judged.
    expect(await strict.check("http://2852039166/latest/")).toMatchObject({ address: "169.254.169.254" });
    expect(await strict.check("http://0x7f.1/")).toMatchObject({ address: "127.0.0.1" });
    expect(await strict.check("data:text/html,hi")).toBeUndefined();
    expect(await strict.check("https://nowhere.example/")).toBeUndefined();
    expect(r.asked).toEqual(["nowhere.example"]);
    const allowed = addressGuard(true, r.resolve);
    expect(await allowed.check("http://127.0.0.1:8080/x")).toBeUndefined();
    expect(await allowed.check("http://169.254.169.254/")).toMatchObject({ address: "169.254.169.254" });
  });
});
