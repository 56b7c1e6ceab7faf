/**
 * The response headers that limit what a page may load and who may frame it.
 * proxy.ts adds the per-request CSP (its script nonce) and HSTS; next.config.ts
 * adds the fixed ones to every response, static files included.
 */

/** Sent on every response. Referrer: invitation links carry their token in the path, so it never leaves the site. */
export const FIXED_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

/**
 * API routes skip the proxy (proxy.ts). They answer JSON or files and run no
 * script, so their fixed policy allows nothing and needs no nonce. The proxy
 * cost every API request a few hundred microseconds of the web process's CPU
 * (bench:review), and Next.js buffers a request body for it and cuts it at
 * 10 MB, silently, which the streaming uploads (imports, ingest) cannot have.
 */
export const API_ROUTES = "/api/:path*";
export const NO_CONTENT_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Two years, as the HSTS preload list asks; only ever sent on a request that came over HTTPS. */
export const HSTS = "max-age=63072000; includeSubDomains";

/** A fresh, unguessable nonce per response (128 bits). */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * Scripts run only with this response's nonce (Next puts it on its own
 * scripts; 'strict-dynamic' lets those load their chunks). Styles allow
 * 'unsafe-inline' because React renders style attributes (recharts, bars);
 * CSS cannot run code. The dev server also needs eval for its overlay and HMR.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
