/**
 * Saved recipes: by name, versioned. Saving under an existing name adds a
 * version (the old ones stay, so an export's manifest can always name the
 * exact recipe it ran). An unchanged recipe is not saved again.
 */
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/events";
import { actorLabel, assertCan, type TActor } from "@/lib/access/actor";
import { prisma } from "@/lib/db/client";
import type { TPlain } from "@/lib/db/row";
import { inTransaction } from "@/lib/db/transaction";
import { NotFoundError } from "@/lib/errors";
import type { ExportRecipe, Prisma } from "@/lib/generated/prisma/client";
import { parseRecipe, RecipeError, type TRecipe } from "./recipe";

export const ZRecipeName = z.string().trim().min(1, "give the recipe a name").max(100, "a recipe name is at most 100 characters");

const RECIPE_SELECT = { name: true, version: true, recipe: true, updatedBy: true, updatedAt: true } as const;
type TRecipeRow = Pick<ExportRecipe, keyof typeof RECIPE_SELECT>;

export type TSavedRecipe = TPlain<Omit<TRecipeRow, "recipe">> & { recipe: TRecipe };

const toSaved = (row: TRecipeRow): TSavedRecipe => ({
  ...row,
  recipe: parseRecipe(row.recipe, `recipe "${row.name}"`),
  updatedAt: row.updatedAt.toISOString(),
});

export async function saveRecipe(actor: TActor, name: string, input: unknown): Promise<TSavedRecipe> {
  assertCan(actor, "exports:create");
  const parsedName = ZRecipeName.safeParse(name);
  if (!parsedName.success) throw new RecipeError(`name: ${parsedName.error.issues[0]!.message}`);
  const recipe = parseRecipe(input);
  const stored = recipe as Prisma.InputJsonValue;
  const author = actorLabel(actor);
  return inTransaction(async (tx) => {
    const [before] = await tx.$queryRaw<TRecipeRow[]>`
      select name, version, recipe, updated_by as "updatedBy", updated_at as "updatedAt" from export_recipes where name = ${parsedName.data} for update`;
    if (before && isDeepStrictEqual(parseRecipe(before.recipe), recipe)) return toSaved(before);
    const { id, ...row } = await tx.exportRecipe.upsert({
      where: { name: parsedName.data },
      create: { name: parsedName.data, version: 1, recipe: stored, updatedBy: author },
      update: { version: { increment: 1 }, recipe: stored, updatedBy: author },
      select: { id: true, ...RECIPE_SELECT },
    });
    await tx.exportRecipeVersion.create({ data: { recipeId: id, version: row.version, recipe: stored, author } });
    await recordAudit(tx, actor, { type: "export_recipe.saved", target: { type: "export_recipe", id }, before: before ? { version: before.version } : undefined, after: { name: row.name, version: row.version } });
    return toSaved(row);
  });
}

export async function listRecipes(actor: TActor): Promise<TSavedRecipe[]> {
  assertCan(actor, "trajectories:read");
  const rows = await prisma().exportRecipe.findMany({ orderBy: [{ updatedAt: "desc" }, { name: "asc" }], select: RECIPE_SELECT });
  return rows.map(toSaved);
}

/** The latest version, or the one asked for. */
export async function getRecipe(actor: TActor, name: string, version?: number): Promise<TSavedRecipe> {
  assertCan(actor, "trajectories:read");
  const row = version === undefined ? await prisma().exportRecipe.findUnique({ where: { name }, select: RECIPE_SELECT }) : await savedVersion(name, version);
  if (!row) throw new NotFoundError(version === undefined ? `no recipe named "${name}"` : `recipe "${name}" has no version ${version}`);
  return toSaved(row);
}

async function savedVersion(name: string, version: number): Promise<TRecipeRow | null> {
  const found = await prisma().exportRecipeVersion.findFirst({
    where: { version, exportRecipe: { name } },
    select: { version: true, recipe: true, author: true, createdAt: true },
  });
  return found && { name, version: found.version, recipe: found.recipe, updatedBy: found.author, updatedAt: found.createdAt };
}
