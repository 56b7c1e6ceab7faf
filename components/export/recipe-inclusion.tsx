"use client";

import Link from "next/link";
import type { TRecipe } from "@/lib/export/recipe";
import { CONTAMINATION_LABELS } from "./format";
import { Check, Choice, Group, Section, toggled } from "./recipe-fields";

type TUpdate = (change: (recipe: TRecipe) => TRecipe) => void;
type TInclusion = TRecipe["inclusion"];
type TStatus = TInclusion["statuses"][number];

const STATUSES: readonly TStatus[] = ["accepted", "pending", "rejected"];

/** Which trajectories may go in: review status, threshold, contamination, format errors, one run per instruction. */
export function InclusionFields({ recipe, update, error }: { recipe: TRecipe; update: TUpdate; error?: string | null }) {
  const inclusion = recipe.inclusion;
  const set = (change: Partial<TInclusion>) => update((r) => ({ ...r, inclusion: { ...r.inclusion, ...change } }));
  return (
    <Section title="Inclusion" hint="Which trajectories are eligible." error={error} testId="section-inclusion">
      <Group label="Agent data: review status">
        <div className="flex flex-wrap gap-x-4">
          {STATUSES.map((status) => (
            <Check key={status} label={status} checked={inclusion.statuses.includes(status)} onChange={(on) => set({ statuses: toggled(inclusion.statuses, status, on, STATUSES) })} />
          ))}
        </div>
      </Group>
      <Group label="Agent data: filters">
        <Check
          label="Reward passes the task's threshold"
          detail={<Link href="/thresholds" className="text-indigo-700 hover:underline">(thresholds)</Link>}
          checked={inclusion.passesThreshold}
          onChange={(on) => set({ passesThreshold: on })}
        />
        <Check label="Exclude trajectories with format errors" checked={inclusion.excludeFormatErrors} onChange={(on) => set({ excludeFormatErrors: on })} />
        <Check label="One run per instruction" detail="(the best-rewarded)" checked={inclusion.onePerInstruction} onChange={(on) => set({ onePerInstruction: on })} />
      </Group>
      <Group label="Contamination (newest finished check; never-checked trajectories are kept)">
        <Choice
          name="contamination"
          value={inclusion.contamination}
          options={(["excludeDirty", "excludeDirtyAndNeither", "ignore"] as const).map((value) => ({ value, label: CONTAMINATION_LABELS[value] }))}
          onChange={(value) => set({ contamination: value })}
        />
      </Group>
      <Group label="General data: review status">
        <div className="flex flex-wrap gap-x-4">
          {STATUSES.map((status) => (
            <Check
              key={status}
              label={status}
              checked={inclusion.generalStatuses.includes(status)}
              onChange={(on) => set({ generalStatuses: toggled(inclusion.generalStatuses, status, on, STATUSES) })}
            />
          ))}
        </div>
      </Group>
    </Section>
  );
}
