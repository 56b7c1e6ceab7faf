"use client";

import { type ChangeEvent, useActionState, useState } from "react";
import type { TFormAction } from "@/lib/actions/state";

type TField = { name: string; label: string; type: string; autoComplete?: string; defaultValue?: string; readOnly?: boolean };

type TProps = {
  action: TFormAction;
  fields: TField[];
  hidden?: Record<string, string>;
  submit: string;
};

/** A small credentials form: the server action answers with an error message or redirects. */
export function AuthForm({ action, fields, hidden = {}, submit }: TProps) {
  const [state, formAction, pending] = useActionState(action, { error: null });
  // Controlled, so a refused form keeps the typed email (React resets forms after an action).
  const [email, setEmail] = useState(fields.find((field) => field.name === "email")?.defaultValue ?? "");
  return (
    <form action={formAction} className="space-y-4">
      {Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      {fields.map((field) => (
        <label key={field.name} className="block text-sm">
          <span className="font-medium text-slate-700">{field.label}</span>
          <input
            name={field.name}
            type={field.type}
            autoComplete={field.autoComplete}
            {...(field.name === "email" ? { value: email, onChange: (event: ChangeEvent<HTMLInputElement>) => setEmail(event.target.value) } : { defaultValue: field.defaultValue })}
            readOnly={field.readOnly}
            required
            className="input mt-1"
          />
        </label>
      ))}
      {state.error && <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">{state.error}</p>}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50">
        {pending ? "…" : submit}
      </button>
    </form>
  );
}
