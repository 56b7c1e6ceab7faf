"use client";

import { useActionState } from "react";
import { Feedback } from "@/components/ui/feedback";
import type { TFormAction } from "@/lib/actions/state";

export function PasswordForm({ action: changePassword }: { action: TFormAction }) {
  const [state, action, pending] = useActionState(changePassword, { error: null });
  return (
    <form action={action} className="max-w-sm space-y-3 text-sm">
      {(["current", "next", "confirm"] as const).map((name) => (
        <label key={name} className="block">
          <span className="font-medium text-slate-700">{{ current: "Current password", next: "New password (12+ characters)", confirm: "New password again" }[name]}</span>
          <input name={name} type="password" required autoComplete={name === "current" ? "current-password" : "new-password"} className="input mt-1" />
        </label>
      ))}
      <Feedback state={state} />
      <button type="submit" disabled={pending} className="rounded-md bg-slate-800 px-4 py-2 font-medium text-white disabled:opacity-50">Change password</button>
    </form>
  );
}

export function NewTokenForm({ action: createToken }: { action: TFormAction<{ message: string; token: string }> }) {
  const [state, action, pending] = useActionState(createToken, { error: null });
  return (
    <form action={action} className="space-y-3 text-sm">
      <div className="flex flex-wrap items-end gap-3">
        <label className="block">
          <span className="block font-medium text-slate-700">Token name</span>
          <input name="name" required maxLength={100} placeholder="what the token is for, e.g. nightly import" className="input mt-1 block w-80 max-w-full" />
        </label>
        <label className="block">
          <span className="block">
            <span className="font-medium text-slate-700">Confirm your password</span>
            <span className="ml-1 text-xs text-slate-600">(needed if you signed in over 15 minutes ago)</span>
          </span>
          <input name="password" type="password" autoComplete="current-password" className="input mt-1 block w-72 max-w-full" />
        </label>
        <button type="submit" disabled={pending} className="rounded-md bg-slate-800 px-4 py-1.5 font-medium text-white disabled:opacity-50">Create token</button>
      </div>
      <Feedback state={state} />
      {state.token && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <p className="text-xs text-amber-900">Use it as <code>Authorization: Bearer &lt;token&gt;</code>. It acts with your role.</p>
          <code className="mt-1 block select-all break-all font-mono text-sm" data-testid="new-token">{state.token}</code>
        </div>
      )}
    </form>
  );
}
