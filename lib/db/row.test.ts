import { describe, expect, it } from "vitest";
import { columnsAs } from "./row";

describe("columnsAs", () => {
  it("selects each Prisma field from its snake_case column under the Prisma name", () => {
    expect(columnsAs("t", ["id", "externalId", "formatErrorCount"])).toBe('t.id as "id", t.external_id as "externalId", t.format_error_count as "formatErrorCount"');
  });
});
