// Database access and secrets stay on the server: a client component importing this fails the build.
import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A random secret for cookies, tokens and invite links (256 bits). */
export function newSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

/** Secrets are stored only as their sha256: a database leak reveals no usable token. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
