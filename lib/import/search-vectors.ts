import type pg from "pg";
import { connectOutsidePool } from "@/lib/db/client";

/**
 * The text search's vector of each instruction, `to_tsvector('simple', instruction)` as text, computed by PostgreSQL
 * on a connection of its own while the import's connection writes the batches before. On the import's connection it
 * was about a sixth of a 1 GB import's database time, on the one backend the whole import waits for
 * (migration instruction_search_supplied). The writer stores the text as given: PostgreSQL reads a vector back
 * exactly as it printed it.
 */
export class SearchVectors {
  private constructor(private readonly client: pg.Client) {}

  static async open(): Promise<SearchVectors> {
    return new SearchVectors(await connectOutsidePool());
  }

  /**
   * The vectors of `instructions`, in their order. Give the instructions as they are stored (storableText): the
   * vector is then the one PostgreSQL computes from the stored column. The promise that comes back never goes
   * unhandled: a batch whose write is never started (the import failed before it) drops it without a crash.
   */
  of(instructions: string[]): Promise<string[]> {
    const vectors = this.client
      .query<{ vector: string }>(
        `select to_tsvector('simple', instruction)::text as vector
           from unnest($1::text[]) with ordinality as given(instruction, position) order by position`,
        [instructions],
      )
      .then((result) => result.rows.map((row) => row.vector));
    vectors.catch(() => {});
    return vectors;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
