// Database access and secrets stay on the server: a client component importing this fails the build.
import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

/** argon2id (memory-hard) with the library's defaults: 19 MiB, 2 passes. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("must be an email address"));
