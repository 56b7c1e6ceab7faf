"use client";

import type { TRecipe } from "@/lib/export/recipe";
import { Choice, Group, NumberInput, Section } from "./recipe-fields";

type TUpdate = (change: (recipe: TRecipe) => TRecipe) => void;

/** How big the mix is, and how it splits between agent and general data (docs/method.md §6: eta 0.2, GPT-4 share 0.2). */
export function SizeFields({ recipe, update, total, setTotal, error }: {
  recipe: TRecipe;
  update: TUpdate;
  /** The total last typed, kept while "all agent data" is chosen. */
  total: number;
  setTotal: (total: number) => void;
  error?: string | null;
}) {
  const setSize = (size: TRecipe["size"]) => update((r) => ({ ...r, size }));
  return (
    <Section title="Size and mix" hint="eta is the share of agent samples in the mix; the rest is general chat data." error={error} testId="section-size">
      <Group label="Size">
        <Choice
          name="size"
          value={recipe.size.mode}
          onChange={(mode) => setSize(mode === "total" ? { mode, total } : { mode })}
          options={[
            { value: "allAgent", label: "All eligible agent data, general data added to reach eta" },
            {
              value: "total",
              label: (
                <span className="inline-flex flex-wrap items-center gap-1.5">
                  A total of
                  <NumberInput
                    label="Total samples"
                    value={total}
                    step="1"
                    min={1}
                    width="w-28"
                    disabled={recipe.size.mode !== "total"}
                    onChange={(value) => {
                      setTotal(value);
                      setSize({ mode: "total", total: value });
                    }}
                  />
                  samples
                </span>
              ),
            },
          ]}
        />
      </Group>
      <div className="grid grid-cols-2 gap-3">
        <label className="space-y-1 text-xs font-medium text-slate-600">
          <span className="block">eta (agent share)</span>
          <NumberInput label="eta" value={recipe.eta} step="0.05" min={0} max={1} onChange={(eta) => update((r) => ({ ...r, eta }))} />
          <span className="block font-normal text-slate-500">method: 0.2</span>
        </label>
        <label className="space-y-1 text-xs font-medium text-slate-600">
          <span className="block">GPT-4 share of general data</span>
          <NumberInput label="GPT-4 share" value={recipe.general.gpt4Share} step="0.05" min={0} max={1} onChange={(gpt4Share) => update((r) => ({ ...r, general: { gpt4Share } }))} />
          <span className="block font-normal text-slate-500">method: 0.2 (GPT-4 : GPT-3.5 = 1 : 4)</span>
        </label>
      </div>
    </Section>
  );
}
