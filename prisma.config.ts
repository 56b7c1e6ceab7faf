import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

// adapter-pg 6.x cannot map the catalog column types "char" (OID 18) and
// name (OID 19) that the WASM schema engine reads during `migrate deploy`
// (prisma/prisma#27403). Reporting them as text (OID 25) is enough. This shim
// lives here only: the application's own client never reads those columns.
const CHAR_OID = 18;
const NAME_OID = 19;
const TEXT_OID = 25;
type FieldList = { dataTypeID: number }[];
const resultProto = pg.Result.prototype as unknown as { addFields(fields: FieldList): void };
const addFields = resultProto.addFields;
resultProto.addFields = function patchedAddFields(this: unknown, fields: FieldList) {
  for (const field of fields) {
    if (field.dataTypeID === CHAR_OID || field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
  }
  addFields.call(this, fields);
};

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: run migrations through `npm start` or the CLI");
    return new PrismaPg({ connectionString });
  },
});
