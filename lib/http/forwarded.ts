import { BlockList, isIP } from "node:net";

/**
 * Which peers may tell the app the client's address, host and scheme
 * (X-Forwarded-For / -Host / -Proto), like Express's "trust proxy" list.
 *
 * TS_TRUST_PROXY is a comma-separated list of addresses and CIDR ranges
 * (`10.0.0.5`, `10.0.0.0/8`, `::1`, `fd00::/8`) and the word `loopback`
 * (127.0.0.0/8 and ::1). Unset or empty: no peer is trusted, every forwarded
 * header is ignored and the socket decides. Anything else is refused at start.
 */
export type TTrustProxy = (address: string) => boolean;

export const TRUST_NONE: TTrustProxy = () => false;

export function parseTrustProxy(value: string | undefined): TTrustProxy {
  const entries = (value ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  if (!entries.length) return TRUST_NONE;
  const list = new BlockList();
  for (const entry of entries) {
    if (entry === "loopback") {
      list.addSubnet("127.0.0.0", 8, "ipv4");
      list.addAddress("::1", "ipv6");
      continue;
    }
    const [address, bits, extra] = entry.split("/");
    const family = isIP(address ?? "");
    const prefix = bits === undefined ? null : Number(bits);
    const maxBits = family === 4 ? 32 : 128;
    if (!family || extra !== undefined || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxBits))) {
      throw new Error(`TS_TRUST_PROXY: "${entry}" is not an IP address, a CIDR range (10.0.0.0/8) or "loopback"`);
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === null) list.addAddress(address!, type);
    else list.addSubnet(address!, prefix, type);
  }
  return (candidate) => {
    const address = plainAddress(candidate);
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
  };
}

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) is 127.0.0.1. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

export type TPeer = {
  remoteAddress: string | undefined;
  encrypted: boolean;
  headers: Record<string, string | string[] | undefined>;
};

export type TForwarded = { clientAddress: string | null; host: string | null; proto: "http" | "https" };

function headerList(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
  return joined.split(",").map((part) => part.trim()).filter(Boolean);
}

/**
 * What the request is, as far as the network can vouch for it. The client
 * address walks X-Forwarded-For from the right, starting at the socket, and
 * stops at the first address that is not a trusted proxy (the same rule as
 * Express's proxy-addr). Host and scheme come from the last X-Forwarded-Host /
 * -Proto entry (the one the nearest proxy wrote) only when the socket's peer is
 * trusted; otherwise from the Host header and the socket.
 */
export function resolveForwarded(peer: TPeer, trust: TTrustProxy): TForwarded {
  const socketAddress = peer.remoteAddress ? plainAddress(peer.remoteAddress) : null;
  const ownProto = peer.encrypted ? "https" : "http";
  const ownHost = headerList(peer.headers.host)[0] ?? null;
  if (!socketAddress || !trust(socketAddress)) return { clientAddress: socketAddress, host: ownHost, proto: ownProto };

  let clientAddress = socketAddress;
  for (const hop of headerList(peer.headers["x-forwarded-for"]).reverse()) {
    const address = plainAddress(hop);
    if (!isIP(address)) break;
    clientAddress = address;
    if (!trust(address)) break;
  }
  const forwardedProto = headerList(peer.headers["x-forwarded-proto"]).at(-1)?.toLowerCase();
  return {
    clientAddress,
    host: headerList(peer.headers["x-forwarded-host"]).at(-1) ?? ownHost,
    proto: forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : ownProto,
  };
}

/** Headers a client could make up about the network path; the edge replaces them all. */
const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

/**
 * Rewrites an incoming request's forwarding headers in place to the values
 * resolveForwarded vouches for, before Next sees them: from here on (Next's own
 * server-action origin check, requestContext, requestHost) X-Forwarded-* can be
 * believed. scripts/serve.ts calls it on every request.
 */
export function normalizeForwardedHeaders(peer: TPeer, trust: TTrustProxy): TForwarded {
  const resolved = resolveForwarded(peer, trust);
  for (const name of FORWARDING_HEADERS) delete peer.headers[name];
  if (resolved.clientAddress) peer.headers["x-forwarded-for"] = resolved.clientAddress;
  if (resolved.host) peer.headers["x-forwarded-host"] = resolved.host;
  peer.headers["x-forwarded-proto"] = resolved.proto;
  return resolved;
}

type THeaders = { get(name: string): string | null };

/** The client's address as the edge resolved it (see normalizeForwardedHeaders). */
export function clientAddress(headers: THeaders): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}

/** The host the request was made to, as the edge resolved it. */
export function requestHost(headers: THeaders): string | null {
  return headers.get("x-forwarded-host") ?? headers.get("host");
}

export function servedOverHttps(headers: THeaders): boolean {
  return headers.get("x-forwarded-proto") === "https";
}

/**
 * The app's own origin for links that leave it (invitations): TS_PUBLIC_URL
 * when set, else the scheme and host this request reached (never its Origin).
 */
export function publicOrigin(headers: THeaders, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.TS_PUBLIC_URL?.trim();
  if (configured) return new URL(configured).origin;
  return `${servedOverHttps(headers) ? "https" : "http"}://${requestHost(headers) ?? "localhost"}`;
}

/** Same-site check for cookie-authenticated writes: the Origin's host is the host this request reached. */
export function originMatchesHost(headers: THeaders): boolean {
  const origin = headers.get("origin");
  if (!origin) return headers.get("sec-fetch-site") !== "cross-site";
  try {
    return new URL(origin).host === requestHost(headers);
  } catch {
    return false;
  }
}
