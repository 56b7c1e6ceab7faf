"use client";

import { useEffect, useState } from "react";
import { callApi } from "@/components/ui/api-client";
import type { TMixPlan } from "@/lib/export/plan";
import type { TRecipe } from "@/lib/export/recipe";

/** `recipe`: the recipe the shown plan was made for (it lags the form while a new plan is on its way). */
export type TPreview = { plan: TMixPlan | null; recipe: TRecipe | null; error: string | null; pending: boolean };

const DEBOUNCE_MS = 300;

/**
 * The live counts: POST /api/v1/exports/preview with the recipe, 300 ms after
 * the last change. A newer recipe aborts the older request, so answers never
 * arrive out of order; the last plan stays shown (as stale) while a new one
 * is on its way or when the recipe has an error.
 */
export function useRecipePreview(recipe: TRecipe): TPreview {
  const body = JSON.stringify(recipe);
  const [answer, setAnswer] = useState<{ body: string | null; plan: TMixPlan | null; planBody: string | null; error: string | null }>({
    body: null,
    plan: null,
    planBody: null,
    error: null,
  });

  useEffect(() => {
    let current = true;
    const timer = setTimeout(async () => {
      const result = await callApi<TMixPlan>("/api/v1/exports/preview", "POST", { recipe: JSON.parse(body) as unknown });
      if (!current) return;
      setAnswer((previous) =>
        result.ok ? { body, plan: result.data, planBody: body, error: null } : { body, plan: previous.plan, planBody: previous.planBody, error: result.message },
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [body]);

  return {
    plan: answer.plan,
    recipe: answer.planBody === null ? null : (JSON.parse(answer.planBody) as TRecipe),
    error: answer.body === body ? answer.error : null,
    pending: answer.body !== body,
  };
}
