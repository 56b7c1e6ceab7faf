"use client";

import Link from "next/link";
import type { TFacets, TFacetValue } from "@/lib/trajectories/facets";
import type { TTrajectoryQuery } from "@/lib/trajectories/query";
import { useTableUrl } from "./use-table-url";

type TListKey = "task" | "status" | "model" | "dataset" | "contamination";

const FACET_TITLES: Record<TListKey, string> = {
  task: "Task",
  status: "Review status",
  model: "Source model",
  dataset: "Dataset",
  contamination: "Contamination",
};

/** Filters with the counts each value would give under the other filters. */
export function FilterSidebar({ facets }: { facets: TFacets | null }) {
  const { query, navigate } = useTableUrl();
  const active = activeFilterCount(query);

  return (
    <aside className="min-w-0 space-y-5 text-sm" aria-label="Filters">
      <form
        key={query.q ?? ""}
        onSubmit={(event) => {
          event.preventDefault();
          const q = String(new FormData(event.currentTarget).get("q") ?? "").trim();
          navigate({ q: q || undefined });
        }}
      >
        <label className="block font-medium text-slate-700" htmlFor="search">Search instructions</label>
        <input id="search" name="q" type="search" defaultValue={query.q ?? ""} placeholder="words in the task, e.g. schedule heat" className="input mt-1" />
      </form>

      {(Object.keys(FACET_TITLES) as TListKey[]).map((key) => (
        <FacetList
          key={key}
          title={FACET_TITLES[key]}
          values={facets?.[key] ?? null}
          selected={(query[key] as (string | number)[]).map(String)}
          onChange={(values) => navigate({ [key]: key === "dataset" ? values.map(Number) : values } as Partial<TTrajectoryQuery>)}
        />
      ))}

      <fieldset>
        <legend className="font-medium text-slate-700">Reward</legend>
        <form
          key={`${query.rewardMin}-${query.rewardMax}`}
          className="mt-1 flex items-center gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            const bound = (name: string) => {
              const value = String(form.get(name) ?? "").trim();
              return value === "" ? undefined : Number(value);
            };
            navigate({ rewardMin: bound("rewardMin"), rewardMax: bound("rewardMax") });
          }}
        >
          <input aria-label="Minimum reward" name="rewardMin" type="number" min={0} max={1} step="any" placeholder="min" defaultValue={query.rewardMin ?? ""} className="input w-0 min-w-0 flex-1" />
          <span className="text-slate-500">to</span>
          <input aria-label="Maximum reward" name="rewardMax" type="number" min={0} max={1} step="any" placeholder="max" defaultValue={query.rewardMax ?? ""} className="input w-0 min-w-0 flex-1" />
          <button type="submit" className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-50">Apply</button>
        </form>
        <TriState label="Has no reward" value={query.noReward} onChange={(noReward) => navigate({ noReward })} />
        <TriState label="Passes threshold" value={query.passes} onChange={(passes) => navigate({ passes })} />
        <p className="mt-1 text-xs text-slate-500">
          Each task&apos;s current threshold, from <Link href="/thresholds" className="underline">Thresholds</Link>.
        </p>
      </fieldset>

      <fieldset className="space-y-1">
        <legend className="font-medium text-slate-700">Step checks</legend>
        <TriState label="Format errors" value={query.formatErrors} onChange={(formatErrors) => navigate({ formatErrors })} />
        <TriState label="Repeated-action loop" value={query.loop} onChange={(loop) => navigate({ loop })} />
      </fieldset>

      {active > 0 && (
        <button
          type="button"
          className="text-indigo-700 underline"
          onClick={() =>
            navigate({
              task: [], dataset: [], status: [], model: [], contamination: [], q: undefined, rewardMin: undefined,
              rewardMax: undefined, noReward: undefined, passes: undefined, formatErrors: undefined, loop: undefined,
            })
          }
        >
          Clear {active} filter{active > 1 ? "s" : ""}
        </button>
      )}
    </aside>
  );
}

function FacetList({ title, values, selected, onChange }: { title: string; values: TFacetValue[] | null; selected: string[]; onChange: (values: string[]) => void }) {
  return (
    // min-w-0: a fieldset is as wide as its widest label by default; long dataset names must clip instead.
    <fieldset className="min-w-0">
      <legend className="font-medium text-slate-700">{title}</legend>
      {values === null ? (
        <div className="mt-1 h-16 animate-pulse rounded bg-slate-100" aria-label={`loading ${title} counts`} />
      ) : values.length === 0 ? (
        <p className="mt-1 text-xs text-slate-500">none</p>
      ) : (
        // Rows of a fixed height and a list of a whole number of rows (7.5: the half row shows there is more), never a cut label.
        <ul className="mt-1 max-h-[11.25rem] overflow-y-auto" data-testid="facet-list">
          {values.map((facet) => {
            const checked = selected.includes(facet.value);
            return (
              <li key={facet.value} className="h-6">
                <label className="flex h-6 min-w-0 items-center gap-2 rounded px-1 hover:bg-slate-100" title={facet.label}>
                  <input
                    type="checkbox"
                    className="shrink-0"
                    checked={checked}
                    onChange={() => onChange(checked ? selected.filter((value) => value !== facet.value) : [...selected, facet.value])}
                  />
                  <span className="min-w-0 truncate">{facet.label}</span>
                  <span className="ml-auto shrink-0 tabular-nums text-xs text-slate-500">{facet.estimated ? `≈${facet.count.toLocaleString("en")}` : facet.count.toLocaleString("en")}</span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}

function TriState({ label, value, onChange }: { label: string; value: "yes" | "no" | undefined; onChange: (value: "yes" | "no" | undefined) => void }) {
  return (
    <label className="mt-1 flex items-center justify-between gap-2">
      <span className="text-slate-700">{label}</span>
      <select
        aria-label={label}
        className="rounded-md border border-slate-300 bg-white px-2 py-0.5"
        value={value ?? ""}
        onChange={(event) => onChange((event.target.value || undefined) as "yes" | "no" | undefined)}
      >
        <option value="">any</option>
        <option value="yes">yes</option>
        <option value="no">no</option>
      </select>
    </label>
  );
}

function activeFilterCount(query: TTrajectoryQuery): number {
  const lists = [query.task, query.dataset, query.status, query.model, query.contamination].filter((list) => list.length > 0).length;
  const singles = [query.q, query.rewardMin, query.rewardMax, query.noReward, query.passes, query.formatErrors, query.loop].filter((value) => value !== undefined).length;
  return lists + singles;
}
