import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { BrowserContext } from "@playwright/test";
import { E2E_ENV } from "../../playwright.config";

/** A server action as the built app exposes it: its id and a page that serves it. */
export type TBuiltAction = { id: string; file: string; name: string; page: string };

type TManifest = { node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }> };

/**
 * Every server action in the e2e build, read from the build's server-reference
 * manifest (Next 16 records each action's id, source file and export name there).
 */
export function builtActions(): TBuiltAction[] {
  const file = path.join(E2E_ENV.TS_DIST_DIR, "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as TManifest;
  return Object.entries(manifest.node).map(([id, entry]) => ({ id, file: entry.filename, name: entry.exportedName, page: pageOf(Object.keys(entry.workers)) }));
}

export function builtAction(name: string): TBuiltAction {
  const found = builtActions().find((action) => action.name === name);
  if (!found) throw new Error(`no server action named ${name} in the build`);
  return found;
}

/** A static page that imports the action ("app/admin/team/page" → "/admin/team", "app/(datasets)/page" → "/"). */
function pageOf(workers: string[]): string {
  const pages = workers.filter((worker) => worker.endsWith("/page") && !worker.includes("[") && !worker.includes("_not-found"));
  const page = pages.find((worker) => worker !== "app/page") ?? pages[0] ?? "app/page";
  // Route groups ("(datasets)") are folders only: not in the URL.
  return page.replace(/^app/, "").replace(/\/page$/, "").replace(/\/\([^)]*\)/g, "") || "/";
}

// React's own encoder for server-action arguments, as the browser uses it.
const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
  encodeReply: (args: unknown[]) => Promise<FormData | string>;
};

export type TActionCall = { status: number; body: string };

/**
 * Calls a server action the way Next's client does (POST to its page with a
 * `Next-Action` header), with the arguments `(previousState, formData)` and only
 * the credentials given: a Cookie and/or an Authorization header.
 */
export async function callAction(baseURL: string, action: TBuiltAction, fields: Record<string, string>, credentials: { cookie?: string; authorization?: string } = {}): Promise<TActionCall> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  const body = await encodeReply([{ error: null, message: null }, form]);
  const headers: Record<string, string> = { "Next-Action": action.id, Origin: baseURL, Accept: "text/x-component" };
  if (credentials.cookie) headers.Cookie = credentials.cookie;
  if (credentials.authorization) headers.Authorization = credentials.authorization;
  const response = await fetch(new URL(action.page, baseURL), { method: "POST", headers, body, redirect: "manual" });
  return { status: response.status, body: await response.text() };
}

/** The Cookie header a signed-in browser context sends. */
export async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}
