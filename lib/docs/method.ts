import { readFile } from "node:fs/promises";
import path from "node:path";

/** docs/method.md, read from the repository the server runs in (the app serves it at /docs/method). */
export async function readMethodDoc(): Promise<string> {
  return readFile(path.join(process.cwd(), "docs", "method.md"), "utf8");
}

/** The anchor of a "§N ..." heading, so pages can link to one section. */
export function methodSectionId(section: number): string {
  return `section-${section}`;
}

/** The in-app address of docs/method.md, or of one of its sections. */
export function methodHref(section?: number): string {
  return section === undefined ? "/docs/method" : `/docs/method#${methodSectionId(section)}`;
}

/** The section number of a heading text such as "§5 Contamination check", if it has one. */
export function sectionOfHeading(text: string): number | null {
  const match = /^§(\d+)\b/.exec(text.trim());
  return match ? Number(match[1]) : null;
}
