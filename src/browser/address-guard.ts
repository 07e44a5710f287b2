/**
 * Which addresses a capture may request. A page is evidence of what the public web showed; nothing a capture files
 * should come from the capturing machine's own network. So requests to loopback, private (RFC 1918, fc00::/7), carrier
 * NAT (100.64.0.0/10) and unspecified (0.0.0.0, ::) addresses are refused unless the operator allows them
 * (--allow-private: a test site or an intranet mirror on this machine), and link-local addresses (169.254.0.0/16,
 * fe80::/10, and the cloud instance-metadata address fd00:ec2::254) are refused always: no listing lives there, and a
 * cloud runner's instance credentials do.
 *
 * Host names are resolved with the system resolver (dns.lookup, every address) and refused when any address is in a
 * refused range. What remains: Chromium resolves the name again when it connects, so a name whose DNS answer changes
 * between the two look-ups (DNS rebinding, a short TTL) can still reach a refused address; only an IP literal, or a
 * proxy that connects to the address it checked, closes that gap.
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/** A refused address: the host as the URL gave it, the address it is or resolved to, and the range that refuses it. */
export interface Refusal {
  host: string;
  address: string;
  range: string;
}

type Range = [string, number, "ipv4" | "ipv6", string];

/** Refused always. */
const LINK_LOCAL: Range[] = [
  ["169.254.0.0", 16, "ipv4", "link-local (169.254.0.0/16, where cloud instance metadata lives)"],
  ["fd00:ec2::254", 128, "ipv6", "the cloud instance-metadata address (fd00:ec2::254)"],
  ["fe80::", 10, "ipv6", "link-local (fe80::/10)"],
];

/** Refused unless --allow-private. */
const PRIVATE: Range[] = [
  ["127.0.0.0", 8, "ipv4", "loopback (127.0.0.0/8)"],
  ["::1", 128, "ipv6", "loopback (::1)"],
  ["0.0.0.0", 8, "ipv4", "unspecified (0.0.0.0/8, reaches this machine)"],
  ["::", 128, "ipv6", "unspecified (::, reaches this machine)"],
  ["10.0.0.0", 8, "ipv4", "private (10.0.0.0/8, RFC 1918)"],
  ["172.16.0.0", 12, "ipv4", "private (172.16.0.0/12, RFC 1918)"],
  ["192.168.0.0", 16, "ipv4", "private (192.168.0.0/16, RFC 1918)"],
  ["100.64.0.0", 10, "ipv4", "carrier-grade NAT (100.64.0.0/10)"],
  ["fc00::", 7, "ipv6", "private (fc00::/7, unique local)"],
];

function blockList(ranges: Range[]): { list: BlockList; name(ip: string, family: "ipv4" | "ipv6"): string } {
  const list = new BlockList();
  for (const [net, prefix, family] of ranges) list.addSubnet(net, prefix, family);
  return {
    list,
    name: (ip, family) => {
      for (const [net, prefix, fam, label] of ranges) {
        if (fam !== family) continue;
        const one = new BlockList();
        one.addSubnet(net, prefix, fam);
        if (one.check(ip, family)) return label;
      }
      return "a refused range";
    },
  };
}

const always = blockList(LINK_LOCAL);
const unlessAllowed = blockList(PRIVATE);

/**
 * The range that refuses an IP address, or undefined when it may be requested. IPv4-mapped IPv6 addresses
 * (::ffff:169.254.169.254) are judged as the IPv4 address they carry.
 */
export function refusedRange(ip: string, allowPrivate: boolean): string | undefined {
  let address = ip.replace(/^\[|\]$/g, "").replace(/%.*$/, ""); // brackets of a URL host, an IPv6 zone
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1]!;
  const version = isIP(address);
  if (version === 0) return undefined;
  const family = version === 4 ? "ipv4" : "ipv6";
  if (always.list.check(address, family)) return always.name(address, family);
  if (!allowPrivate && unlessAllowed.list.check(address, family)) return unlessAllowed.name(address, family);
  return undefined;
}

export type Resolve = (host: string) => Promise<string[]>;

const systemResolve: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * A checker for one capture: `check(url)` answers with the refusal, or undefined when the URL may be requested. Each
 * host is looked up once per checker. Only http(s) URLs reach the network; others (data:, blob:, about:) pass. A name
 * that does not resolve passes too: there is no address to refuse, and Chromium fails to reach it in its turn.
 */
export function addressGuard(
  allowPrivate: boolean,
  resolve: Resolve = systemResolve,
): { check(url: string): Promise<Refusal | undefined> } {
  const hosts = new Map<string, Promise<Refusal | undefined>>();
  const judge = async (host: string): Promise<Refusal | undefined> => {
    const bare = host.replace(/^\[|\]$/g, "");
    if (isIP(bare)) {
      const range = refusedRange(bare, allowPrivate);
      return range ? { host, address: bare, range } : undefined;
    }
    // Chromium answers "localhost" and its subdomains from the loopback itself, without asking DNS.
    if (/(^|\.)localhost\.?$/i.test(bare)) {
      const range = refusedRange("127.0.0.1", allowPrivate);
      return range ? { host, address: "127.0.0.1", range } : undefined;
    }
    let addresses: string[];
    try {
      addresses = await resolve(bare);
    } catch {
      return undefined;
    }
    for (const address of addresses) {
      const range = refusedRange(address, allowPrivate);
      if (range) return { host, address, range };
    }
    return undefined;
  };
  return {
    check: async (url) => {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        return undefined;
      }
      if (u.protocol !== "http:" && u.protocol !== "https:" && u.protocol !== "ws:" && u.protocol !== "wss:") return undefined;
      const host = u.hostname.toLowerCase();
      let answer = hosts.get(host);
      if (!answer) {
        answer = judge(host);
        hosts.set(host, answer);
      }
      return answer;
    },
  };
}

/** "169.254.169.254, which is link-local (…)" or "metadata.example (169.254.169.254), which is link-local (…)". */
export function describeRefusal(r: Refusal): string {
  const bare = r.host.replace(/^\[|\]$/g, "");
  return `${bare === r.address ? r.address : `${bare} (${r.address})`}, which is ${r.range}`;
}
