import type { Metadata } from "next";
import { NewTokenForm, PasswordForm } from "@/components/settings/settings-forms";
import { requirePageActor } from "@/lib/auth/next";
import { listApiTokens } from "@/lib/auth/tokens";
import { ActionForm } from "@/components/ui/action-form";
import { changePasswordAction, createTokenAction, revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const actor = await requirePageActor();
  const tokens = await listApiTokens(actor);
  return (
    <div className="max-w-4xl space-y-10">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="mt-1 text-sm text-slate-600">
          Signed in as {actor.kind === "user" ? actor.email : actor.label} ({actor.role}).
        </p>
      </div>
      <section className="space-y-3">
        <h2 className="text-lg font-medium">API tokens</h2>
        <p className="text-sm text-slate-600">
          For scripts and labs: each token acts as you, with your role, on <code>/api/v1</code>. It is shown once and stored hashed;
          revoke it here when it is no longer needed. Creating one asks for your password if you signed in more than 15 minutes ago.
        </p>
        <NewTokenForm action={createTokenAction} />
        <table className="w-full text-left text-sm" aria-label="API tokens">
          <thead className="text-xs uppercase text-slate-500">
            <tr><th className="py-1 font-medium">Name</th><th className="font-medium">Token</th><th className="font-medium">Created</th><th className="font-medium">Last used</th><th /></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tokens.map((token) => (
              <tr key={token.id} className={token.revokedAt ? "text-slate-500" : ""}>
                <td className="py-2">{token.name}</td>
                <td className="font-mono text-xs">{token.prefix}…</td>
                <td className="text-xs">{token.createdAt.toISOString().slice(0, 10)}</td>
                <td className="text-xs">{token.lastUsedAt?.toISOString().slice(0, 16).replace("T", " ") ?? "never"}</td>
                <td className="text-right">
                  {token.revokedAt ? (
                    <span className="text-xs">revoked</span>
                  ) : (
                    <ActionForm action={revokeTokenAction}>
                      <input type="hidden" name="id" value={token.id} />
                      <button type="submit" className="text-xs text-rose-700 underline" aria-label={`Revoke ${token.name}`}>Revoke</button>
                    </ActionForm>
                  )}
                </td>
              </tr>
            ))}
            {tokens.length === 0 && <tr><td colSpan={5} className="py-3 text-sm text-slate-500">No tokens yet.</td></tr>}
          </tbody>
        </table>
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-medium">Password</h2>
        <p className="text-sm text-slate-600">Changing your password signs out your other sessions and revokes all your API tokens.</p>
        <PasswordForm action={changePasswordAction} />
      </section>
    </div>
  );
}
