"use client";

import { formatCount } from "@/components/ui/format";
import type { TRecipe } from "@/lib/export/recipe";
import { Check, Group, Section } from "./recipe-fields";

export type TFormDataset = { name: string; kind: "agent" | "general"; trajectories: number; tasks: string[] };

type TUpdate = (change: (recipe: TRecipe) => TRecipe) => void;

/** Which datasets the mix draws from; "all" (null in the recipe) also takes datasets imported later. */
export function SourcesFields({ recipe, update, datasets, error }: { recipe: TRecipe; update: TUpdate; datasets: TFormDataset[]; error?: string | null }) {
  const setNames = (key: "agentDatasets" | "generalDatasets", names: string[] | null) =>
    update((r) => ({ ...r, sources: { ...r.sources, [key]: names } }));
  return (
    <Section title="Sources" hint="The datasets the mix draws from." error={error} testId="section-sources">
      <DatasetList label="Agent datasets" all="All agent datasets" datasets={datasets.filter((d) => d.kind === "agent")} chosen={recipe.sources.agentDatasets} onChange={(names) => setNames("agentDatasets", names)} />
      <DatasetList label="General datasets" all="All general datasets" datasets={datasets.filter((d) => d.kind === "general")} chosen={recipe.sources.generalDatasets} onChange={(names) => setNames("generalDatasets", names)} />
    </Section>
  );
}

function DatasetList({ label, all, datasets, chosen, onChange }: { label: string; all: string; datasets: TFormDataset[]; chosen: string[] | null; onChange: (names: string[] | null) => void }) {
  const names = datasets.map((d) => d.name);
  // A saved recipe may name a dataset deleted since: keep it visible, the preview says it is missing.
  const missing = (chosen ?? []).filter((name) => !names.includes(name));
  return (
    <Group label={label}>
      <Check label={all} detail="(also ones imported later)" checked={chosen === null} onChange={(on) => onChange(on ? null : names)} />
      {datasets.length === 0 && <p className="pl-6 text-xs text-slate-500">None imported yet.</p>}
      <ul className="ml-6 max-h-56 space-y-0.5 overflow-y-auto rounded-md border border-slate-100 px-2 py-1">
        {datasets.map((dataset) => (
          <li key={dataset.name}>
            <Check
              label={<span className="[overflow-wrap:anywhere]">{dataset.name}</span>}
              detail={`${formatCount(dataset.trajectories)}${dataset.tasks.length > 0 && dataset.kind === "agent" ? ` · ${dataset.tasks.join(", ")}` : ""}`}
              checked={chosen === null || chosen.includes(dataset.name)}
              disabled={chosen === null}
              onChange={(on) => onChange(on ? [...names.filter((name) => name === dataset.name || chosen!.includes(name)), ...missing] : chosen!.filter((name) => name !== dataset.name))}
            />
          </li>
        ))}
        {missing.map((name) => (
          <li key={name}>
            <Check label={<span className="text-rose-700 [overflow-wrap:anywhere]">{name}</span>} detail="(not found)" checked onChange={() => onChange(chosen!.filter((entry) => entry !== name))} />
          </li>
        ))}
      </ul>
    </Group>
  );
}
