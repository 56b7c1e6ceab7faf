import { describe, expect, it } from "vitest";
import { normalizeForwardedHeaders, originMatchesHost, parseTrustProxy, publicOrigin, resolveForwarded, TRUST_NONE } from "./forwarded";

const forged = {
  host: "localhost:3000",
  "x-forwarded-for": "203.0.113.9",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-real-ip": "203.0.113.10",
};

describe("trusting forwarded headers", () => {
  it("without TS_TRUST_PROXY believes the socket and the Host header only", () => {
    const trust = parseTrustProxy(undefined);
    expect(resolveForwarded({ remoteAddress: "::ffff:192.0.2.4", encrypted: false, headers: forged }, trust))
      .toEqual({ clientAddress: "192.0.2.4", host: "localhost:3000", proto: "http" });
    expect(parseTrustProxy("  ")("127.0.0.1")).toBe(false);
  });

  it("believes a trusted proxy, and walks X-Forwarded-For from the right to the first untrusted address", () => {
    const trust = parseTrustProxy("loopback, 10.0.0.0/8");
    const headers = { host: "127.0.0.1:3000", "x-forwarded-for": "198.51.100.1, 192.0.2.7, 10.1.2.3", "x-forwarded-host": "evil.example, studio.lab.org", "x-forwarded-proto": "http, https" };
    expect(resolveForwarded({ remoteAddress: "127.0.0.1", encrypted: false, headers }, trust))
      // 198.51.100.1 is what the client itself claimed: 192.0.2.7 reached a trusted proxy, so it is the client.
      .toEqual({ clientAddress: "192.0.2.7", host: "studio.lab.org", proto: "https" });
    expect(resolveForwarded({ remoteAddress: "::1", encrypted: false, headers: { host: "a", "x-forwarded-for": "not an ip, 192.0.2.8" } }, trust).clientAddress).toBe("192.0.2.8");
    // A peer outside the list is the client, whatever it forwards.
    expect(resolveForwarded({ remoteAddress: "192.0.2.50", encrypted: true, headers: forged }, trust))
      .toEqual({ clientAddress: "192.0.2.50", host: "localhost:3000", proto: "https" });
  });

  it("refuses a malformed TS_TRUST_PROXY, naming the entry", () => {
    expect(() => parseTrustProxy("10.0.0.1, proxy.lab.org")).toThrow('TS_TRUST_PROXY: "proxy.lab.org" is not an IP address');
    expect(() => parseTrustProxy("10.0.0.0/33")).toThrow('"10.0.0.0/33"');
    expect(parseTrustProxy("fd00::/8")("fd12::1")).toBe(true);
  });

  it("rewrites a forged request's headers to what the socket vouches for", () => {
    const headers: Record<string, string | string[] | undefined> = { ...forged, origin: "http://evil.example", forwarded: "for=1.2.3.4;host=evil.example" };
    normalizeForwardedHeaders({ remoteAddress: "127.0.0.1", encrypted: false, headers }, TRUST_NONE);
    expect(headers).toEqual({ host: "localhost:3000", origin: "http://evil.example", "x-forwarded-for": "127.0.0.1", "x-forwarded-host": "localhost:3000", "x-forwarded-proto": "http" });
    const asHeaders = new Headers(headers as Record<string, string>);
    expect(originMatchesHost(asHeaders)).toBe(false);
    expect(publicOrigin(asHeaders, { NODE_ENV: "test" })).toBe("http://localhost:3000");
  });
});

describe("public origin for links", () => {
  it("is TS_PUBLIC_URL when set, never the request's Origin", () => {
    const headers = new Headers({ host: "localhost:3000", origin: "http://evil.example", "x-forwarded-host": "localhost:3000" });
    expect(publicOrigin(headers, { NODE_ENV: "test", TS_PUBLIC_URL: "https://studio.lab.org/" })).toBe("https://studio.lab.org");
    expect(publicOrigin(headers, { NODE_ENV: "test" })).toBe("http://localhost:3000");
  });
});
