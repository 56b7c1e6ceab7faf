import type { Metadata } from "next";
import { InviteForm } from "@/components/admin/invite-form";
import { requirePageActor } from "@/lib/auth/next";
import { ROLES } from "@/lib/access/roles";
import { listUsers } from "@/lib/auth/users";
import { listPendingInvites } from "@/lib/auth/invites";
import { ActionForm } from "@/components/ui/action-form";
import { changeRoleAction, inviteAction, revokeInviteAction, setActiveAction } from "../actions";

export const metadata: Metadata = { title: "Team" };
export const dynamic = "force-dynamic";

export default async function TeamPage() {
  const actor = await requirePageActor("users:manage");
  const [users, invites] = await Promise.all([listUsers(actor), listPendingInvites(actor)]);
  return (
    <div className="max-w-5xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Team</h1>
        <p className="mt-1 text-sm text-slate-600">
          Viewers read; reviewers also review, rewrite thoughts, propose thresholds and export; admins also import data and manage the team.
        </p>
      </div>
      <section className="space-y-2">
        <h2 className="font-medium">Invite a teammate</h2>
        <InviteForm action={inviteAction} />
      </section>
      <section className="space-y-2">
        <h2 className="font-medium">Pending invitations</h2>
        {invites.length === 0 ? (
          <p className="text-sm text-slate-500">None: every invitation was accepted, revoked or has expired.</p>
        ) : (
          <table className="w-full text-left text-sm" aria-label="Pending invitations">
            <thead className="text-xs uppercase text-slate-500">
              <tr><th className="py-1 font-medium">Email</th><th className="font-medium">Role</th><th className="font-medium">Sent</th><th className="font-medium">Expiry</th><th className="font-medium"><span className="sr-only">Revoke</span></th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {invites.map((invite) => (
                <tr key={invite.id} data-testid={`invite-${invite.email}`}>
                  <td className="py-2">{invite.email}</td>
                  <td>{invite.role}</td>
                  <td className="text-xs">{invite.createdAt.toISOString().slice(0, 10)}</td>
                  <td className="text-xs">expires {invite.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC</td>
                  <td>
                    <ActionForm action={revokeInviteAction}>
                      <input type="hidden" name="inviteId" value={invite.id} />
                      <button type="submit" className="text-xs text-rose-700 underline" aria-label={`Revoke the invitation of ${invite.email}`}>Revoke</button>
                    </ActionForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="text-xs text-slate-500">A link is shown once, when it is created (only its hash is stored): to send a lost one again, revoke it and invite anew.</p>
      </section>
      <table className="w-full text-left text-sm" aria-label="Team members">
        <thead className="text-xs uppercase text-slate-500">
          <tr><th className="py-1 font-medium">Email</th><th className="font-medium">Role</th><th className="font-medium">Since</th><th className="font-medium">State</th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((user) => {
            const self = actor.kind === "user" && actor.id === user.id;
            return (
              <tr key={user.id} data-testid={`member-${user.email}`} className={user.deactivatedAt ? "text-slate-500" : ""}>
                <td className="py-2">{user.email}{self && <span className="ml-2 text-xs text-slate-500">(you)</span>}</td>
                <td>
                  <ActionForm action={changeRoleAction} className="flex items-center gap-2">
                    <input type="hidden" name="userId" value={user.id} />
                    <select name="role" defaultValue={user.role} aria-label={`Role of ${user.email}`} className="rounded border border-slate-300 bg-white px-1 py-0.5">
                      {ROLES.map((role) => <option key={role}>{role}</option>)}
                    </select>
                    <button type="submit" className="text-xs underline">Save</button>
                  </ActionForm>
                </td>
                <td className="text-xs">{user.createdAt.toISOString().slice(0, 10)}</td>
                <td>
                  {!self && (
                    <ActionForm action={setActiveAction}>
                      <input type="hidden" name="userId" value={user.id} />
                      <input type="hidden" name="active" value={user.deactivatedAt ? "true" : "false"} />
                      <button type="submit" className={`text-xs underline ${user.deactivatedAt ? "text-emerald-700" : "text-rose-700"}`}>
                        {user.deactivatedAt ? "Reactivate" : "Deactivate"}
                      </button>
                    </ActionForm>
                  )}
                  {user.deactivatedAt && <span className="ml-2 text-xs">deactivated</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
