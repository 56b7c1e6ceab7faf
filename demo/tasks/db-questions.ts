/**
 * db questions: SELECT questions (derived from a table QA dataset) and
 * INSERT/UPDATE/DELETE requests (self-instruct), each with its SQL route.
 */
import type { Rng } from "../random";
import { cell, intColumns, sqlLiteral, tupleRow, type TColumn, type TSchema } from "./db-schemas";

export type TDbOperation = { thought: string; sql: string; result: string };

export type TDbPlan = {
  question: string;
  paraphrase: string;
  origin: "task-derivation" | "self-instruct";
  operations: TDbOperation[];
  answerThought: string;
  answers: string[];
};

type TKind = {
  origin: "task-derivation" | "self-instruct";
  question(rng: Rng, schema: TSchema): string;
  plan(rng: Rng, schema: TSchema, ok: boolean, detail: number): TDbPlan;
};

const q = (name: string) => `\`${name}\``;

function keyColumn(schema: TSchema): TColumn {
  const key = schema.columns.find((c) => c.name === schema.key);
  if (!key) throw new Error(`schema ${schema.table} has no key column`);
  return key;
}

function numberColumn(rng: Rng, schema: TSchema): Extract<TColumn, { kind: "int" }> {
  const ints = intColumns(schema).filter((c) => c.kind === "int");
  return rng.pick(ints) as Extract<TColumn, { kind: "int" }>;
}

function otherColumn(rng: Rng, schema: TSchema, not: string): TColumn {
  return rng.pick(schema.columns.filter((c) => c.name !== not));
}

function threshold(rng: Rng, c: Extract<TColumn, { kind: "int" }>): number {
  return Math.round(c.min + (c.max - c.min) * (0.25 + rng.next() * 0.5));
}

/** Columns listed in a random order with another separator: the paraphrase's table reference. */
function columnsText(rng: Rng, schema: TSchema): string {
  return rng.shuffle(schema.columns.map((c) => c.name)).join(" | ");
}

const count: TKind = {
  origin: "task-derivation",
  question(rng, schema) {
    const c = numberColumn(rng, schema);
    return `How many ${schema.entity} have a ${c.name} greater than ${threshold(rng, c)}?`;
  },
  plan(rng, schema, ok) {
    const c = numberColumn(rng, schema);
    const v = threshold(rng, c);
    const n = rng.int(0, 30);
    const value = ok ? n : n + rng.int(1, 4);
    return {
      question: `How many ${schema.entity} have a ${c.name} greater than ${v}?`,
      paraphrase: `Using the ${schema.table} table (columns: ${columnsText(rng, schema)}), count the ${schema.entity} whose ${c.name} value exceeds ${v}.`,
      origin: "task-derivation",
      operations: [
        {
          thought: ok
            ? `To answer, I filter the rows on ${c.name} > ${v} and count them.`
            : `I will count the rows where ${c.name} is at least ${v}.`,
          sql: `SELECT COUNT(*) FROM ${q(schema.table)} WHERE ${q(c.name)} ${ok ? ">" : ">="} ${v};`,
          result: `[${tupleRow([value])}]`,
        },
      ],
      answerThought: `The query returned ${value}, so ${value} ${schema.entity} match.`,
      answers: [String(value)],
    };
  },
};

const lookup: TKind = {
  origin: "task-derivation",
  question(rng, schema) {
    const key = keyColumn(schema);
    const c = otherColumn(rng, schema, key.name);
    return `What is the ${c.name} of the ${schema.singular} whose ${key.name} is ${cell(rng, key)}?`;
  },
  plan(rng, schema, ok) {
    const key = keyColumn(schema);
    const k = cell(rng, key);
    const c = otherColumn(rng, schema, key.name);
    const wrong = otherColumn(rng, schema, key.name);
    const used = ok ? c : wrong;
    const value = cell(rng, used);
    return {
      question: `What is the ${c.name} of the ${schema.singular} whose ${key.name} is ${k}?`,
      paraphrase: `Look up ${k} in the ${key.name} column of ${schema.table} (columns: ${columnsText(rng, schema)}) and tell me its ${c.name}.`,
      origin: "task-derivation",
      operations: [
        {
          thought: `I select the ${used.name} column for the row where ${key.name} equals ${k}.`,
          sql: `SELECT ${q(used.name)} FROM ${q(schema.table)} WHERE ${q(key.name)} = ${sqlLiteral(k)};`,
          result: `[${tupleRow([value])}]`,
        },
      ],
      answerThought: `The value is ${value}.`,
      answers: [String(value)],
    };
  },
};

const total: TKind = {
  origin: "task-derivation",
  question(rng, schema) {
    return `What is the total ${numberColumn(rng, schema).name} across all ${schema.entity} in the table?`;
  },
  plan(rng, schema, ok) {
    const c = numberColumn(rng, schema);
    const sum = rng.int(c.max, c.max * 12);
    const fn = ok ? "SUM" : "MAX";
    const value = ok ? sum : rng.int(c.min, c.max);
    return {
      question: `What is the total ${c.name} across all ${schema.entity} in the table?`,
      paraphrase: `Add up the ${c.name} figures over every row of ${schema.table} (columns: ${columnsText(rng, schema)}); what do you get?`,
      origin: "task-derivation",
      operations: [
        {
          thought: ok ? `The total is the SUM of ${c.name} over the whole table.` : `I aggregate the ${c.name} column.`,
          sql: `SELECT ${fn}(${q(c.name)}) FROM ${q(schema.table)};`,
          result: ok ? `[(Decimal('${value}'),)]` : `[${tupleRow([value])}]`,
        },
      ],
      answerThought: `The result is ${value}.`,
      answers: [String(value)],
    };
  },
};

const highest: TKind = {
  origin: "task-derivation",
  question(rng, schema) {
    return `Which ${schema.key} has the highest ${numberColumn(rng, schema).name}?`;
  },
  plan(rng, schema, ok) {
    const key = keyColumn(schema);
    const c = numberColumn(rng, schema);
    const value = cell(rng, key);
    return {
      question: `Which ${schema.key} has the highest ${c.name}?`,
      paraphrase: `In ${schema.table} (columns: ${columnsText(rng, schema)}), which ${key.name} belongs to the row holding the largest ${c.name} value?`,
      origin: "task-derivation",
      operations: [
        {
          thought: `I sort by ${c.name} ${ok ? "in descending order" : "and take the first row"} and keep one row.`,
          sql: `SELECT ${q(key.name)} FROM ${q(schema.table)} ORDER BY ${q(c.name)} ${ok ? "DESC " : ""}LIMIT 1;`,
          result: `[${tupleRow([value])}]`,
        },
      ],
      answerThought: `The top row is ${value}.`,
      answers: [String(value)],
    };
  },
};

const listBelow: TKind = {
  origin: "task-derivation",
  question(rng, schema) {
    const c = numberColumn(rng, schema);
    return `List the ${schema.key} of every ${schema.singular} whose ${c.name} is below ${threshold(rng, c)}.`;
  },
  plan(rng, schema, ok, detail) {
    const key = keyColumn(schema);
    const c = numberColumn(rng, schema);
    const v = threshold(rng, c);
    const k = Math.max(1, Math.round(rng.int(2, 5) * detail));
    const values = [...new Set(Array.from({ length: k }, () => String(cell(rng, key))))];
    const answers = ok || values.length < 2 ? values : values.slice(0, -1);
    return {
      question: `List the ${schema.key} of every ${schema.singular} whose ${c.name} is below ${v}.`,
      paraphrase: `From ${schema.table} (columns: ${columnsText(rng, schema)}), return each ${key.name} for rows where ${c.name} is under ${v}.`,
      origin: "task-derivation",
      operations: [
        {
          thought: `I select ${key.name} with the condition ${c.name} < ${v}.`,
          sql: `SELECT ${q(key.name)} FROM ${q(schema.table)} WHERE ${q(c.name)} < ${v};`,
          result: `[${values.map((x) => tupleRow([x])).join(", ")}]`,
        },
      ],
      answerThought: `The query returned ${values.length} rows.`,
      answers,
    };
  },
};

const average: TKind = {
  origin: "task-derivation",
  question(rng, schema) {
    return `What is the average ${numberColumn(rng, schema).name} of the ${schema.entity} listed?`;
  },
  plan(rng, schema, ok) {
    const c = numberColumn(rng, schema);
    const avg = (c.min + (c.max - c.min) * rng.next()).toFixed(4);
    const shown = ok ? avg : String(Math.round(Number(avg) * 0.9));
    return {
      question: `What is the average ${c.name} of the ${schema.entity} listed?`,
      paraphrase: `Compute the mean ${c.name} over all rows of ${schema.table} (columns: ${columnsText(rng, schema)}).`,
      origin: "task-derivation",
      operations: [
        {
          thought: `AVG over ${c.name} gives the mean value.`,
          sql: `SELECT AVG(${q(c.name)}) FROM ${q(schema.table)};`,
          result: `[(Decimal('${avg}'),)]`,
        },
      ],
      answerThought: ok ? `The average is ${avg}.` : `Rounding, the average is about ${shown}.`,
      answers: [shown],
    };
  },
};

const insert: TKind = {
  origin: "self-instruct",
  question(rng, schema) {
    return insertQuestion(schema, rng.sample(schema.columns, 3).map((c) => [c.name, cell(rng, c)] as const));
  },
  plan(rng, schema, ok) {
    const chosen = rng.sample(schema.columns, Math.min(3, schema.columns.length));
    const pairs = chosen.map((c) => [c.name, cell(rng, c)] as const);
    const values = ok ? pairs.map(([, v]) => v) : rng.shuffle(pairs.map(([, v]) => v));
    return {
      question: insertQuestion(schema, pairs),
      paraphrase: `Put one more row into ${schema.table} (columns: ${columnsText(rng, schema)}) holding ${[...pairs].reverse().map(([n, v]) => `${v} as ${n}`).join("; ")}.`,
      origin: "self-instruct",
      operations: [
        {
          thought: `This is an insertion. I insert the given values into the matching columns.`,
          sql: `INSERT INTO ${q(schema.table)} (${pairs.map(([n]) => q(n)).join(", ")}) VALUES (${values.map(sqlLiteral).join(", ")});`,
          result: "[]",
        },
      ],
      answerThought: `The row has been inserted.`,
      answers: ["none"],
    };
  },
};

function insertQuestion(schema: TSchema, pairs: readonly (readonly [string, string | number])[]): string {
  return `Add a new ${schema.singular} to the table with ${pairs.map(([n, v]) => `${n} ${v}`).join(", ")}.`;
}

const update: TKind = {
  origin: "self-instruct",
  question(rng, schema) {
    const key = keyColumn(schema);
    const c = numberColumn(rng, schema);
    return `Change the ${c.name} of the ${schema.singular} whose ${key.name} is ${cell(rng, key)} to ${cell(rng, c)}.`;
  },
  plan(rng, schema, ok) {
    const key = keyColumn(schema);
    const k = cell(rng, key);
    const c = numberColumn(rng, schema);
    const v = cell(rng, c);
    const where = ok ? ` WHERE ${q(key.name)} = ${sqlLiteral(k)}` : "";
    return {
      question: `Change the ${c.name} of the ${schema.singular} whose ${key.name} is ${k} to ${v}.`,
      paraphrase: `In ${schema.table} (columns: ${columnsText(rng, schema)}), set ${c.name} to ${v} for the row where ${key.name} equals ${k}.`,
      origin: "self-instruct",
      operations: [
        {
          thought: `I update ${c.name} for the matching row.`,
          sql: `UPDATE ${q(schema.table)} SET ${q(c.name)} = ${v}${where};`,
          result: "[]",
        },
      ],
      answerThought: `The update ran without errors.`,
      answers: ["none"],
    };
  },
};

const remove: TKind = {
  origin: "self-instruct",
  question(rng, schema) {
    const c = numberColumn(rng, schema);
    return `Delete every ${schema.singular} whose ${c.name} is less than ${threshold(rng, c)} from the table.`;
  },
  plan(rng, schema, ok) {
    const c = numberColumn(rng, schema);
    const v = threshold(rng, c);
    return {
      question: `Delete every ${schema.singular} whose ${c.name} is less than ${v} from the table.`,
      paraphrase: `Remove from ${schema.table} (columns: ${columnsText(rng, schema)}) all rows having ${c.name} under ${v}.`,
      origin: "self-instruct",
      operations: [
        {
          thought: `I delete the rows matching the condition.`,
          sql: `DELETE FROM ${q(schema.table)} WHERE ${q(c.name)} ${ok ? "<" : "<="} ${v};`,
          result: "[]",
        },
      ],
      answerThought: `The rows have been deleted.`,
      answers: ["none"],
    };
  },
};

export const DB_KINDS: readonly (readonly [TKind, number])[] = [
  [count, 18],
  [lookup, 18],
  [total, 8],
  [highest, 10],
  [listBelow, 10],
  [average, 6],
  [insert, 10],
  [update, 10],
  [remove, 10],
];

/** A first query that fails on a misspelt column, as models often write. */
export function unknownColumnOperation(schema: TSchema, rng: Rng): TDbOperation {
  const c = rng.pick(schema.columns);
  const wrong = `${c.name.toLowerCase().replace(/\s+/g, "_")}_value`;
  return {
    thought: `First I check the ${c.name} values.`,
    sql: `SELECT ${q(wrong)} FROM ${q(schema.table)} LIMIT 5;`,
    result: `1054 (42S22): Unknown column '${wrong}' in 'field list'`,
  };
}

/** An unquoted table name with spaces: a syntax error that repeats for the loop quirk. */
export function syntaxErrorOperation(schema: TSchema): TDbOperation {
  const c = schema.columns[0]?.name ?? "id";
  const sql = `SELECT ${c} FROM ${schema.table} WHERE ${c} IS NOT NULL;`;
  const near = `${schema.table.split(" ").slice(1).join(" ") || "WHERE"} WHERE ${c} IS NOT NULL`;
  return {
    thought: `I select the ${c} column.`,
    sql,
    result: `1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '${near}' at line 1`,
  };
}

/** `SELECT * ... LIMIT n`: rows that never mention a value named in the question,
 *  so the preview cannot contradict the answer. */
export function previewOperation(rng: Rng, schema: TSchema, rows: number, question: string): TDbOperation {
  const fresh = (c: TColumn) => {
    for (let i = 0; i < 20; i++) {
      const v = cell(rng, c);
      if (typeof v === "number" || !question.includes(v)) return v;
    }
    return c.kind === "int" ? c.min : "n/a";
  };
  const data = Array.from({ length: rows }, () => tupleRow(schema.columns.map(fresh)));
  return {
    thought: `Let me look at a few rows first to see how the values are written.`,
    sql: `SELECT * FROM ${q(schema.table)} LIMIT ${rows};`,
    result: `[${data.join(", ")}]`,
  };
}
