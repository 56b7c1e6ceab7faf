import { type NextRequest, NextResponse } from "next/server";
import { servedOverHttps } from "@/lib/http/forwarded";
import { contentSecurityPolicy, HSTS, newNonce } from "@/lib/http/security-headers";

/**
 * Runs before every page (not API routes, not static files): gives the response its own CSP nonce.
 * Next reads the policy from the request headers and puts the nonce on the
 * scripts it renders, so pages are rendered per request (app/layout.tsx).
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const https = servedOverHttps(request.headers);
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", HSTS);
  return response;
}

export const config = {
  // Pages only. Static files run no script and get the fixed headers from next.config.ts; so do API routes
  // (API_ROUTES in lib/http/security-headers.ts says why).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/).*)"],
};
