import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "@/testing/database";
import { methodHref, readMethodDoc, sectionOfHeading } from "./method";

/** Source files a user or developer reads: pages, components, lib, the CLI, the schema and the README. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (entry === "generated" || entry === "node_modules") return [];
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(tsx?|prisma)$/.test(entry) ? [full] : [];
  });
}
const FILES = [...["app", "components", "lib", "bin", "prisma", "scripts"].flatMap(sourceFiles), "README.md"];

describe("docs/method.md", () => {
  it("covers what the app implements, with the published figures", async () => {
    const doc = await readMethodDoc();
    const sections = doc.split("\n").filter((line) => line.startsWith("## ")).map((line) => sectionOfHeading(line.slice(3)));
    expect(sections).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // tasks and their rewards; thresholds; the contamination rule and its parameters; the mix with its shares, eta and GPT-4 share; without-CoT
    for (const task of ["os", "db", "alfworld", "webshop", "kg", "mind2web"]) expect(doc).toMatch(new RegExp(`\\| ${task} \\|.*\\|.*\\|`));
    expect(doc).toMatch(/threshold/i);
    expect(doc).toContain("2/3");
    for (const figure of ["n = 10", "20 %", "80 %", "1 %"]) expect(doc).toContain(figure);
    for (const share of ["28.8 %", "18.8 %", "18.0 %", "17.4 %", "10.5 %", "6.5 %"]) expect(doc).toContain(share);
    expect(doc).toContain("eta = 0.2");
    expect(doc).toMatch(/GPT-4 share\*\*\s+of 0\.2/);
    expect(doc).toMatch(/without-CoT/);
  });

  it("is what every reference points to: no file cites METHOD.md, and each linked section exists", async () => {
    const doc = await readMethodDoc();
    const headings = new Set(doc.split("\n").filter((line) => line.startsWith("## ")).map((line) => sectionOfHeading(line.slice(3))));
    const citing = FILES.filter((file) => !file.endsWith(".test.ts") && readFileSync(file, "utf8").includes("METHOD.md"));
    expect(citing).toEqual([]);
    for (const file of FILES) {
      for (const match of readFileSync(file, "utf8").matchAll(/(?:MethodLink section=\{|docs\/method\.md §)(\d+)/g)) {
        expect(headings.has(Number(match[1])), `${file} points to §${match[1]}`).toBe(true);
      }
    }
    expect(methodHref(5)).toBe("/docs/method#section-5");
  });
});

describe("stored references", () => {
  useTestDatabase();

  it("the seeded threshold history points to the served method page, not METHOD.md", async () => {
    const rows = await pool().query<{ reason: string }>("select reason from threshold_changes where actor_label = 'defaults'");
    expect(rows.rows.length).toBeGreaterThan(0);
    for (const row of rows.rows) expect(row.reason).toBe(`default of the AgentTuning method (see ${methodHref(3)})`);
  });
});
