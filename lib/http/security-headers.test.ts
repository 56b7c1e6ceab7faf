import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

/** proxy.ts on its own: the e2e spec (security-headers.spec.ts) checks the headers on the running app. */
function answer(headers: Record<string, string> = {}) {
  return proxy(new NextRequest("http://localhost:3000/trajectories", { headers }));
}

describe("security headers from proxy.ts", () => {
  it("gives each response its own script nonce, and no inline script or eval", () => {
    const first = answer().headers.get("content-security-policy")!;
    const second = answer().headers.get("content-security-policy")!;
    const nonce = (policy: string) => /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce(first)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonce(first)).not.toBe(nonce(second));
    const scriptSrc = first.split("; ").find((directive) => directive.startsWith("script-src"));
    expect(scriptSrc).toBe(`script-src 'self' 'nonce-${nonce(first)}' 'strict-dynamic'`);
    expect(first).toContain("frame-ancestors 'none'");
    expect(first).not.toContain("upgrade-insecure-requests");
  });

  it("sends HSTS only when the request came over HTTPS (as the edge resolved it)", () => {
    expect(answer().headers.get("strict-transport-security")).toBeNull();
    const https = answer({ "x-forwarded-proto": "https" });
    expect(https.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(https.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});
