"use client";

import { EXPORT_FORMATS, type TRecipe } from "@/lib/export/recipe";
import { FORMAT_LABELS, LOSS_MASK_LABELS, REASONING_AS_LABELS, THOUGHT_LABELS, TOOL_CALL_LABELS } from "./format";
import { Check, Choice, Group, NumberInput, Section, toggled } from "./recipe-fields";

type TUpdate = (change: (recipe: TRecipe) => TRecipe) => void;

/** The form of each sample (thoughts, loss mask, tool calls and reasoning), the files written, and the seed. */
export function OutputFields({ recipe, update, error }: { recipe: TRecipe; update: TUpdate; error?: string | null }) {
  return (
    <Section title="Output" hint="How each sample is written, and the seed that fixes the draw and its order." error={error} testId="section-output">
      <Group label="Thoughts">
        <Choice
          name="thoughts"
          value={recipe.thoughts}
          onChange={(thoughts) => update((r) => ({ ...r, thoughts }))}
          options={(["latest", "original", "none"] as const).map((value) => ({ value, label: THOUGHT_LABELS[value] }))}
        />
      </Group>
      <Group label="Loss mask (which assistant turns are trained)">
        <Choice
          name="loss-mask"
          value={recipe.lossMask}
          onChange={(lossMask) => update((r) => ({ ...r, lossMask }))}
          options={(["asImported", "allAssistant", "critical"] as const).map((value) => ({
            value,
            label: value === "critical" ? `${LOSS_MASK_LABELS[value]} (trajectories without one are left out)` : LOSS_MASK_LABELS[value],
          }))}
        />
      </Group>
      <Group label="Tool calls (tool-calling data)">
        <Choice
          name="tool-calls"
          value={recipe.toolCalls}
          onChange={(toolCalls) => update((r) => ({ ...r, toolCalls }))}
          options={(["asImported", "native"] as const).map((value) => ({ value, label: TOOL_CALL_LABELS[value] }))}
        />
      </Group>
      <Group label="Reasoning of tool-calling turns (messages JSONL)">
        <Choice
          name="reasoning-as"
          value={recipe.reasoningAs}
          onChange={(reasoningAs) => update((r) => ({ ...r, reasoningAs }))}
          options={(["field", "think"] as const).map((value) => ({ value, label: REASONING_AS_LABELS[value] }))}
        />
      </Group>
      <Group label="Files">
        <div className="grid grid-cols-2 gap-x-4">
          {EXPORT_FORMATS.map((format) => (
            <Check key={format} label={FORMAT_LABELS[format]} checked={recipe.formats.includes(format)} onChange={(on) => update((r) => ({ ...r, formats: toggled(r.formats, format, on, EXPORT_FORMATS) }))} />
          ))}
        </div>
      </Group>
      <label className="flex items-center gap-2 text-xs font-medium text-slate-600">
        Seed
        <NumberInput label="Seed" value={recipe.seed} step="1" min={0} width="w-32" onChange={(seed) => update((r) => ({ ...r, seed }))} />
      </label>
    </Section>
  );
}
