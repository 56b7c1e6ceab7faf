/**
 * Row types derived from the generated Prisma models, so raw SQL never restates a table's columns.
 * (TypedSQL would generate them from the queries, but `prisma generate --sql` needs the native
 * schema-engine binary, which this Rust-free setup does not have.)
 */

/** int8 as node-postgres returns it: a string, exact beyond 2^53. */
type TPgValue<T> = T extends bigint ? string : T extends bigint[] ? string[] : T;
/** What a page or JSON response carries: int8 and timestamps as strings. */
type TPlainValue<T> = T extends bigint ? string : T extends bigint[] ? string[] : T extends Date ? string : T;

/** Columns of a model as a raw `pool().query` returns them when selected under their Prisma names. */
export type TPgRow<M> = { [K in keyof M]: TPgValue<M[K]> };

/** Columns of a model as plain, serialisable values (ids and times as strings). */
export type TPlain<M> = { [K in keyof M]: TPlainValue<M[K]> };

/** `created_at as "createdAt", ...`: a model's columns selected under their Prisma names. */
export function columnsAs(alias: string, fields: readonly string[]): string {
  return fields.map((field) => `${alias}.${snake(field)} as "${field}"`).join(", ");
}

/** A model's fields as their column names (`createdAt` → `created_at`): COPY column lists checked against the model. */
export function columnNames(fields: readonly string[]): string[] {
  return fields.map(snake);
}

function snake(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Columns of a left-joined table: null where nothing joined. */
export type TNullable<M> = { [K in keyof M]: M[K] | null };
