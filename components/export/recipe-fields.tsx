"use client";

import type { ReactNode } from "react";

/** The small pieces every section of the recipe form is made of. */

export function Section({ title, hint, error, children, testId }: { title: string; hint?: ReactNode; error?: string | null; children: ReactNode; testId?: string }) {
  return (
    <fieldset
      className={`min-w-0 space-y-3 rounded-xl border bg-white p-4 shadow-sm ${error ? "border-rose-300 ring-1 ring-rose-200" : "border-slate-200"}`}
      data-testid={testId}
    >
      <legend className="sr-only">{title}</legend>
      <div>
        <h2 className="text-sm font-semibold text-slate-800" aria-hidden>{title}</h2>
        {hint && <p className="mt-0.5 text-xs text-slate-500">{hint}</p>}
      </div>
      {error && (
        <p className="rounded-md bg-rose-50 px-2 py-1 text-xs text-rose-800" role="alert" data-testid="field-error">
          {error}
        </p>
      )}
      {children}
    </fieldset>
  );
}

export function Group({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="space-y-1" role="group" aria-label={label}>
      <div className="text-xs font-medium text-slate-600">{label}</div>
      {children}
    </div>
  );
}

export function Check({ label, checked, onChange, disabled, detail }: { label: ReactNode; checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean; detail?: ReactNode }) {
  return (
    <label className={`flex items-baseline gap-2 text-sm ${disabled ? "text-slate-500" : "text-slate-800"}`}>
      <input type="checkbox" className="translate-y-0.5" checked={checked} disabled={disabled} onChange={(event) => onChange(event.target.checked)} />
      <span className="min-w-0">
        {label}
        {detail && <span className="ml-1 text-xs text-slate-500">{detail}</span>}
      </span>
    </label>
  );
}

export function Choice<T extends string>({ name, value, options, onChange }: { name: string; value: T; options: readonly { value: T; label: ReactNode }[]; onChange: (value: T) => void }) {
  return (
    <div className="space-y-1">
      {options.map((option) => (
        <label key={option.value} className="flex items-baseline gap-2 text-sm text-slate-800">
          <input type="radio" className="translate-y-0.5" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
}

/** A number field that keeps what is typed; an empty field sends NaN, which the preview names as an error. */
export function NumberInput({ label, value, onChange, step = "any", min, max, width = "w-24", disabled }: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  step?: string;
  min?: number;
  max?: number;
  width?: string;
  disabled?: boolean;
}) {
  return (
    <input
      type="number"
      aria-label={label}
      value={Number.isNaN(value) ? "" : value}
      step={step}
      min={min}
      max={max}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value === "" ? Number.NaN : Number(event.target.value))}
      className={`${width} rounded-md border border-slate-300 bg-white px-2 py-1 text-sm tabular-nums shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 disabled:bg-slate-50 disabled:text-slate-500`}
    />
  );
}

/** Toggles one value in a list, keeping the list's canonical order. */
export function toggled<T extends string>(list: readonly T[], value: T, on: boolean, order: readonly T[]): T[] {
  const next = on ? [...list, value] : list.filter((entry) => entry !== value);
  return order.filter((entry) => next.includes(entry));
}
