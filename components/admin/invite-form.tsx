"use client";

import { useActionState } from "react";
import type { TFormAction } from "@/lib/actions/state";
import { CopyButton } from "@/components/ui/copy-button";

export function InviteForm({ action: invite }: { action: TFormAction<{ link: string }> }) {
  const [state, action, pending] = useActionState(invite, { error: null });
  return (
    <form action={action} className="space-y-3 text-sm">
      <div className="flex flex-wrap gap-2">
        <input name="email" type="email" required placeholder="teammate@lab.org" aria-label="Email to invite" className="input max-w-xs" />
        <select name="role" aria-label="Role for the invitation" defaultValue="reviewer" className="rounded-md border border-slate-300 bg-white px-2">
          <option value="viewer">viewer: reads everything</option>
          <option value="reviewer">reviewer: reviews, proposes thresholds, exports</option>
          <option value="admin">admin: also imports, manages the team and settings</option>
        </select>
        <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-4 py-1.5 font-medium text-white disabled:opacity-50">Create invitation</button>
      </div>
      {state.error && <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-rose-800">{state.error}</p>}
      {state.link && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
          <div className="flex items-center justify-between gap-2">
            <p className="text-xs text-amber-900">Send this link to your teammate (valid 7 days, usable once; it is not shown again):</p>
            <CopyButton text={state.link} label="Copy link" />
          </div>
          <code className="mt-1 block select-all break-all font-mono" data-testid="invite-link">{state.link}</code>
        </div>
      )}
    </form>
  );
}
