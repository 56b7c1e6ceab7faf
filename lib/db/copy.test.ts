/**
 * copyLines sends COPY text in chunks of about 256 K characters: on a real
 * PostgreSQL, every row arrives whole, with its multi-byte and escaped text
 * exact, also when a row is larger than a chunk and when a row comes in pieces.
 */
import { describe, expect, it } from "vitest";
import { pool } from "./client";
import { copyField, copyLine, copyLines } from "./copy";
import { useTestDatabase } from "@/testing/database";

useTestDatabase();

const TEXTS = [
  "plain ascii",
  "caf\u00e9 \u4e2d\u6587 \ud83d\ude42 tab\tnewline\nbackslash\\",
  "\u4e2d".repeat(300_000), // 300 K characters (900 KB of UTF-8): larger than a chunk
  "x".repeat(200_000), // fills most of a chunk on its own
  "",
];

describe("copyLines", () => {
  it("stores every row exactly, from whole lines and from lines in pieces", async () => {
    const client = await pool().connect();
    try {
      await client.query("create temporary table copied (n int, body text)");
      const whole = TEXTS.map((text, n) => copyLine([n, text]));
      // The same rows again, each as three pieces: its number, the tab, and the rest.
      const pieces = TEXTS.flatMap((text, n) => [String(n + TEXTS.length), "\t", `${copyField(text)}\n`]);
      await copyLines(client, "copied", ["n", "body"], [...whole, ...pieces]);
      const rows = await client.query<{ n: number; body: string }>("select n, body from copied order by n");
      expect(rows.rows.map((row) => row.body)).toEqual([...TEXTS, ...TEXTS]);
      expect(rows.rows.map((row) => row.n)).toEqual(Array.from({ length: 2 * TEXTS.length }, (_, n) => n));
    } finally {
      client.release();
    }
  });
});
