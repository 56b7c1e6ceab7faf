import type pg from "pg";
import { copyField, copyLine, copyLines, type TCopyValue } from "@/lib/db/copy";
import { columnNames, type TPgRow } from "@/lib/db/row";
import type { Trajectory, Turn } from "@/lib/generated/prisma/client";
import { DUPLICATE_REASONS, type TDuplicateReason } from "./options";
import type { TPreparedTrajectory } from "./prepare-trajectory";
import { storableText } from "./storable-text";

/** The text search's GIN index (migration instruction_search), and how far its pending list may grow in an import. */
const SEARCH_INDEX = "trajectories_instruction_search_idx";
const PENDING_SEARCH_ENTRIES = "32MB";

/** What a caller may have prepared for a batch before its turn to be written (BatchWriter.write). */
export type TWrittenAhead = { encoded?: TEncodedTrajectory[]; searchVectors?: readonly string[] | null };

/** A trajectory of a batch that was not written: the stored one with the same content, and how they differ. */
export type TBatchDuplicate = { position: number; storedId: string | null; reason: TDuplicateReason };

/** The trajectory columns moved from the staging table; the staged COPY leaves `id` to its default. */
const TRAJECTORY_COLUMNS = columnNames([
  "id", "externalId", "task", "sourceModel", "origin", "reward", "success", "runStatus", "instruction",
  "turnCount", "stepCount", "tokenCount", "textBytes", "formatErrorCount", "loopStartTurn", "contentHash", "metadata", "toolSetId",
] as const satisfies readonly (keyof Trajectory)[]).concat(
  // Prisma does not type the tsvector column. Null unless the caller gives the vectors: a trigger computes it then.
  "instruction_search",
);
/** The staged COPY's columns after dataset_id, in the order `trajectoryRow` and `write` give their values. */
const STAGED_COLUMNS = TRAJECTORY_COLUMNS.filter((column) => column !== "id");
const TURN_COLUMNS = columnNames([
  "trajectoryId", "index", "role", "rawText", "thought", "action", "actionKind", "loss",
  "isPrefix", "isTaskTurn", "formatError", "inLoop", "toolCalls", "toolCallIds", "callSyntax",
] as const satisfies readonly (keyof Turn)[]);

type TStoredTwin = TPgRow<Pick<Trajectory, "id" | "contentHash">> & { loss: Turn["loss"][] };

/**
 * Writes prepared trajectories into one dataset inside the caller's transaction:
 * trajectory rows are COPYed into a temporary staging table and moved with one
 * INSERT ... SELECT that skips content hashes already stored (in any dataset, or
 * earlier in this file); then only the turns of the inserted trajectories are
 * COPYed straight into `turns` (turn text, the bulk of the bytes, is written once).
 * The content hash leaves loss flags out: a skipped trajectory is compared with
 * the stored one to say whether only its loss flags differ.
 * Declared tool lists are stored once per distinct set (tool_sets, by hash) and
 * linked from each trajectory; the ids are cached for the whole import.
 * The turns' foreign key is not checked row by row here when the role may skip it:
 * see `copyTurns`.
 */
export class BatchWriter {
  private readonly toolSetIds = new Map<string, number>();

  private constructor(
    private readonly client: pg.PoolClient,
    private readonly datasetId: number,
    private readonly maySkipTurnKeyCheck: boolean,
    private readonly mergesSearchIndex: boolean,
  ) {}

  /**
   * The search index (GIN, fastupdate) first appends each new row's words to its pending list and merges that list
   * into the index whenever it passes gin_pending_list_limit (4 MB): at 1 GB, a merge every few batches took a
   * tenth of the import. A role that owns the index (gin_clean_pending_list needs that) lets the list grow for this
   * transaction and merges what is left once in `finish`. The list is the index's, not the import's: another
   * writer (a review decision) that finds it over its own 4 MB merges it, and a text search reads it whole, so
   * PENDING_SEARCH_ENTRIES bounds what either can meet (32 MB: about half a second of merging).
   */
  static async open(client: pg.PoolClient, datasetId: number): Promise<BatchWriter> {
    await client.query(`
      create temporary table stage_trajectories (like trajectories including defaults) on commit drop;`);
    const role = await client.query<{ may: boolean; owns: boolean }>(
      `select current_setting('is_superuser') = 'on' as may, pg_has_role(c.relowner, 'USAGE') as owns
         from pg_class c where c.oid = '${SEARCH_INDEX}'::regclass`,
    );
    const { may, owns } = role.rows[0]!;
    if (owns) await client.query(`set local gin_pending_list_limit = '${PENDING_SEARCH_ENTRIES}'`);
    return new BatchWriter(client, datasetId, may, owns);
  }

  /** Merges the search index's pending words written by this transaction (see `open`); call once, after the last batch. */
  async finish(): Promise<void> {
    if (this.mergesSearchIndex) await this.client.query(`select gin_clean_pending_list('${SEARCH_INDEX}'::regclass)`);
  }

  /**
   * Returns how many trajectories and turns were new, and the duplicates (batch positions) with their reasons.
   * `ahead.encoded`: each trajectory's COPY text (encodeTrajectory), when the caller built it ahead; built here otherwise.
   * `ahead.searchVectors`: each instruction's search vector (SearchVectors), when the caller had them computed beside
   * this connection; the insert trigger computes them on this one otherwise.
   */
  async write(batch: TPreparedTrajectory[], ahead: TWrittenAhead = {}): Promise<{ trajectories: number; turns: number; duplicates: TBatchDuplicate[] }> {
    const encoded = ahead.encoded ?? batch.map(encodeTrajectory);
    const searchVectors = ahead.searchVectors ?? null;
    await this.storeToolSets(batch);
    const staged = batch.map((item, position) => {
      const toolSetId = item.toolSet ? this.toolSetIds.get(item.toolSet.hash)! : null;
      const vector = searchVectors?.[position] ?? null;
      return `${this.datasetId}\t${encoded[position]!.staged}\t${copyField(toolSetId)}\t${copyField(vector)}\n`;
    });
    // The staging table's id default takes the trajectories' sequence, in COPY order (the batch's).
    await copyLines(this.client, "stage_trajectories", ["dataset_id", ...STAGED_COLUMNS], staged);
    const ids = idsByPosition(batch, await this.insertStaged());

    const turnLines: string[] = [];
    for (const [position, id] of ids) for (const rest of encoded[position]!.turns) turnLines.push(id + rest);
    await this.copyTurns(turnLines);
    const skipped = batch.map((item, position) => ({ item, position })).filter(({ position }) => !ids.has(position));
    return { trajectories: ids.size, turns: turnLines.length, duplicates: await this.duplicates(skipped) };
  }

  /**
   * Moves the staged rows into trajectories in id (= batch) order, skipping content hashes already stored:
   * of two equal rows in one batch the first is kept. Returns the new ids by content hash. One round trip:
   * the move, emptying the staging table and, when the turns' key check is skipped, the switch to replica
   * mode for the turns' COPY that follows (copyTurns switches back).
   */
  private async insertStaged(): Promise<Map<string, string>> {
    const statements = [
      `insert into trajectories (dataset_id, ${TRAJECTORY_COLUMNS.join(", ")})
       select dataset_id, ${TRAJECTORY_COLUMNS.join(", ")} from stage_trajectories order by id
       on conflict (content_hash) do nothing
       returning id::text, content_hash as "contentHash"`,
      "truncate stage_trajectories",
      ...(this.maySkipTurnKeyCheck ? ["set local session_replication_role = replica"] : []),
    ];
    // Several statements in one simple query: node-postgres answers with one result per statement.
    const results = (await this.client.query(statements.join(";\n"))) as unknown as pg.QueryResult<TPgRow<Pick<Trajectory, "id" | "contentHash">>>[];
    return new Map(results[0]!.rows.map((row) => [row.contentHash, row.id]));
  }

  /**
   * The turns' foreign key costs a third of their COPY: one index probe and a lock
   * on the parent per turn (an AFTER ROW trigger). Every turn written here belongs to
   * a trajectory this transaction has just inserted (its id came back from the
   * INSERT's RETURNING), so the check cannot fail: replica mode (set by insertStaged)
   * skips it for this COPY only (turns has no other triggers), and origin mode is back
   * before any other statement, so the trajectories' facet triggers fire for every batch. SET LOCAL:
   * a failed COPY rolls the setting back with the transaction. A role that may not
   * set it (only a superuser may) keeps the per-row check.
   */
  private async copyTurns(lines: string[]): Promise<void> {
    if (lines.length > 0) await copyLines(this.client, "turns", TURN_COLUMNS, lines); // none when every trajectory was a duplicate
    if (this.maySkipTurnKeyCheck) await this.client.query("set local session_replication_role = origin");
  }

  /** Each skipped trajectory against the stored one with its hash (written earlier, or earlier in this file): same loss flags or not. */
  private async duplicates(skipped: { item: TPreparedTrajectory; position: number }[]): Promise<TBatchDuplicate[]> {
    if (skipped.length === 0) return [];
    const stored = await this.client.query<TStoredTwin>(
      `select t.content_hash as "contentHash", t.id::text, l.loss
         from trajectories t cross join lateral (select array_agg(u.loss order by u.index) as loss from turns u where u.trajectory_id = t.id) l
        where t.content_hash = any($1::text[]) and l.loss is not null`,
      [[...new Set(skipped.map(({ item }) => item.contentHash))]],
    );
    const byHash = new Map(stored.rows.map((row) => [row.contentHash, row]));
    return skipped.map(({ item, position }) => {
      const match = byHash.get(item.contentHash);
      const sameFlags = !match || item.parsed.turns.every((turn, index) => turn.loss === match.loss[index]);
      return { position, storedId: match?.id ?? null, reason: DUPLICATE_REASONS[sameFlags ? "same" : "otherLossFlags"] };
    });
  }

  /** Inserts the batch's tool sets not yet known to this import (another import may have stored them: kept as they are) and caches their ids. */
  private async storeToolSets(batch: TPreparedTrajectory[]): Promise<void> {
    const missing = new Map<string, string>();
    for (const { toolSet } of batch) {
      if (toolSet && !this.toolSetIds.has(toolSet.hash) && !missing.has(toolSet.hash)) missing.set(toolSet.hash, storableJson(toolSet.tools));
    }
    if (missing.size === 0) return;
    const hashes = [...missing.keys()];
    await this.client.query(
      `insert into tool_sets (hash, tools) select * from unnest($1::text[], $2::jsonb[]) order by 1 on conflict (hash) do nothing`,
      [hashes, [...missing.values()]],
    );
    const stored = await this.client.query<{ id: number; hash: string }>("select id, hash from tool_sets where hash = any($1::text[])", [hashes]);
    for (const row of stored.rows) this.toolSetIds.set(row.hash, row.id);
  }
}

/**
 * A trajectory's rows as COPY text, without what only the writer knows: its staged columns between dataset_id and
 * tool_set_id, and per turn its line after the trajectory id (from the tab to the newline). Escaping the text is
 * most of the writer's own work: built ahead (import-file.ts does it as each record is parsed), it is not on the
 * connection's clock.
 */
export type TEncodedTrajectory = { staged: string; turns: string[] };

export function encodeTrajectory(item: TPreparedTrajectory): TEncodedTrajectory {
  return {
    staged: trajectoryRow(item).map(copyField).join("\t"),
    turns: item.parsed.turns.map((turn) =>
      `\t${copyLine([
        turn.index, turn.role, storableText(turn.rawText), nullableText(turn.thought), nullableText(turn.action),
        turn.actionKind, turn.loss, turn.isPrefix, turn.isTaskTurn, turn.formatError, turn.inLoop,
        turn.toolCalls.length > 0 ? storableJson(turn.toolCalls) : null, textArray(turn.toolCallIds), turn.callSyntax,
      ])}`,
    ),
  };
}

/** The new id of each written batch position: of equal rows in one batch only the first is written. */
function idsByPosition(batch: TPreparedTrajectory[], idsByHash: Map<string, string>): Map<number, string> {
  const ids = new Map<number, string>();
  batch.forEach((item, position) => {
    const id = idsByHash.get(item.contentHash);
    if (id === undefined) return;
    ids.set(position, id);
    idsByHash.delete(item.contentHash);
  });
  return ids;
}

function trajectoryRow(item: TPreparedTrajectory): TCopyValue[] {
  const parsed = item.parsed;
  return [
    storableText(item.externalId), item.task, item.sourceModel, item.origin, item.reward, item.success, item.runStatus,
    storedInstruction(item), parsed.turns.length, parsed.stepCount, parsed.tokenCount, storedTextBytes(parsed.turns), parsed.formatErrorCount,
    parsed.loopStartTurn, item.contentHash, storableText(JSON.stringify(item.metadata)),
  ];
}

/** The instruction as its column stores it: what its search vector must be computed from. */
export function storedInstruction(item: TPreparedTrajectory): string {
  return storableText(item.parsed.instruction);
}

/** What `octet_length(raw_text)` of the stored turns adds up to: their texts as stored, in UTF-8 (a lone surrogate becomes U+FFFD, 3 bytes, either way). */
function storedTextBytes(turns: readonly { rawText: string }[]): number {
  return turns.reduce((sum, turn) => sum + Buffer.byteLength(storableText(turn.rawText)), 0);
}

/** A UTF-16 surrogate without its pair (a file may escape one: "\ud83d"). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** JSON for a jsonb column. jsonb refuses NUL and unpaired surrogates, which text columns store as ␀ and
 *  U+FFFD (node-postgres' UTF-8 encoding): strings get the same substitutes here. */
function storableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "string" ? storableText(item).replace(LONE_SURROGATE, "\uFFFD") : item));
}

/** A text[] literal (`{"a","b"}`); COPY's own escaping is applied on top by copyLine. */
function textArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${storableText(value).replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

function nullableText(text: string | null): string | null {
  return text === null ? null : storableText(text);
}

