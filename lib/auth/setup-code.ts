import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { prisma } from "@/lib/db/client";
import type { TTx } from "@/lib/db/transaction";
import type { AppSetting } from "@/lib/generated/prisma/client";
import { UserFacingError } from "@/lib/errors";

/**
 * The one-time code that first-run setup asks for (as Grafana and Jupyter do):
 * `npm start` issues it while no account exists and prints it in the server's
 * console, so only someone who can read that console becomes the first admin.
 * Only its SHA-256 is stored (app_settings), and creating the first admin
 * deletes it. TS_SETUP_CODE fixes the code for automation.
 */
const SETTING_KEY = "setup.codeHash";
// No 0/O or 1/I: the code is read off a console and typed.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 12; // 60 bits: far beyond guessing over the network
export const MIN_FIXED_CODE_LENGTH = 12;

/** Case, spaces and dashes do not matter when the code is typed. */
export function normalizeSetupCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, "");
}

function hashCode(code: string): string {
  return createHash("sha256").update(normalizeSetupCode(code)).digest("hex");
}

export function newSetupCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return chars.match(/.{4}/g)!.join("-");
}

/** Stores the hash of a new code (or of `fixed`, e.g. TS_SETUP_CODE) and returns the code to print. */
export async function issueSetupCode(fixed?: string): Promise<string> {
  const code = fixed?.trim() ? fixed.trim() : newSetupCode();
  if (normalizeSetupCode(code).length < MIN_FIXED_CODE_LENGTH) {
    throw new UserFacingError(`TS_SETUP_CODE: must have at least ${MIN_FIXED_CODE_LENGTH} letters or digits (dashes and spaces do not count)`);
  }
  const value = hashCode(code);
  await prisma().appSetting.upsert({ where: { key: SETTING_KEY }, create: { key: SETTING_KEY, value }, update: { value } });
  return code;
}

/** Inside the first-admin transaction: refuses unless `code` is the issued one. */
export async function assertSetupCode(tx: TTx, code: string): Promise<void> {
  const [found] = await tx.$queryRaw<Pick<AppSetting, "value">[]>`select value from app_settings where key = ${SETTING_KEY} for update`;
  const stored = found?.value;
  if (typeof stored !== "string") {
    throw new UserFacingError("setup code: none was issued; restart the server with `npm start`, which prints one in its console");
  }
  const given = Buffer.from(hashCode(code));
  if (!normalizeSetupCode(code) || given.length !== stored.length || !timingSafeEqual(given, Buffer.from(stored))) {
    throw new UserFacingError("setup code: it is not the code printed in the server's console");
  }
}

/** One-time: the code stops working once the first admin exists. */
export async function consumeSetupCode(tx: TTx): Promise<void> {
  await tx.appSetting.deleteMany({ where: { key: SETTING_KEY } });
}
