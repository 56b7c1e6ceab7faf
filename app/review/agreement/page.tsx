import type { Metadata } from "next";
import Link from "next/link";
import { actorCan, requirePageActor } from "@/lib/auth/next";
import { reviewAgreement, type TAgreementRow } from "@/lib/review/agreement";
import { getSettings } from "@/lib/settings/settings";
import { ActionForm } from "@/components/ui/action-form";
import { reviewSettingsAction } from "../actions";

export const metadata: Metadata = { title: "Review agreement" };
export const dynamic = "force-dynamic";

export default async function AgreementPage() {
  const actor = await requirePageActor();
  const [agreement, settings] = await Promise.all([reviewAgreement(actor), getSettings(["review.requiredReviews", "review.statusRule"])]);
  const required = settings["review.requiredReviews"];
  const rule = settings["review.statusRule"];
  return (
    <div className="max-w-5xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Review agreement</h1>
        <p className="mt-1 text-sm text-slate-600">
          How often reviewers who decided the same trajectory agree: raw agreement, and Cohen&apos;s kappa, which discounts the agreement
          expected by chance (1 = perfect, 0 = chance, below 0 = worse than chance; blank when undefined).
        </p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 className="font-medium">How a trajectory&apos;s status is decided</h2>
        <p className="mt-1 text-slate-600">
          Now: <b>{rule === "first" ? "the first decision wins" : `majority of reviews, once ${required} exist; ties stay pending`}</b>;
          the review queue offers a trajectory until it has <b>{required}</b> review{required > 1 ? "s" : ""}.
        </p>
        {actorCan(actor, "settings:manage") && (
          <ActionForm action={reviewSettingsAction} className="mt-3 flex flex-wrap items-end gap-3">
            <label>
              <span className="block text-xs text-slate-600">Reviews required per trajectory</span>
              <input name="required" type="number" min={1} max={9} defaultValue={required} aria-label="Reviews required" className="input w-24" />
            </label>
            <label>
              <span className="block text-xs text-slate-600">Status rule</span>
              <select name="rule" defaultValue={rule} aria-label="Status rule" className="input">
                <option value="first">first decision wins</option>
                <option value="majority">majority, ties stay pending</option>
              </select>
            </label>
            <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-white">Save</button>
          </ActionForm>
        )}
      </section>
      <AgreementTable title="Per reviewer pair" rows={agreement.pairs.map((row) => ({ ...row, label: `${row.first} · ${row.second}` }))} empty="No trajectory has been reviewed by two people yet." />
      <AgreementTable title="Per task" rows={agreement.tasks.map((row) => ({ ...row, label: row.task }))} empty="No overlapping reviews yet." />
      <section>
        <h2 className="font-medium">Disputed trajectories</h2>
        {agreement.disputed.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">None: no trajectory has both an accept and a reject.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm" aria-label="Disputed trajectories">
            {agreement.disputed.map((item) => (
              <li key={item.id} className="py-1.5">
                <Link href={`/trajectories/${item.id}`} className="font-mono text-indigo-700 hover:underline">{item.externalId}</Link>
                <span className="ml-2 font-mono text-xs text-slate-500">{item.task}</span>
                <span className="ml-3 text-xs text-emerald-700">accepted: {item.accepted.join(", ")}</span>
                <span className="ml-3 text-xs text-rose-700">rejected: {item.rejected.join(", ")}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function AgreementTable({ title, rows, empty }: { title: string; rows: (TAgreementRow & { label: string })[]; empty: string }) {
  const percent = (value: number | null) => (value === null ? "" : `${(100 * value).toFixed(0)} %`);
  return (
    <section>
      <h2 className="font-medium">{title}</h2>
      {rows.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">{empty}</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm" aria-label={title}>
          <thead className="text-xs uppercase text-slate-500">
            <tr><th className="py-1 font-medium">{title === "Per task" ? "Task" : "Reviewers"}</th><th className="text-right font-medium">Both reviewed</th><th className="text-right font-medium">Agree</th><th className="text-right font-medium">Raw agreement</th><th className="text-right font-medium">Cohen&apos;s κ</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100 tabular-nums">
            {rows.map((row) => (
              <tr key={row.label}>
                <td className="py-1.5">{row.label}</td>
                <td className="text-right">{row.items}</td>
                <td className="text-right">{row.agree}</td>
                <td className="text-right">{percent(row.agreement)}</td>
                <td className="text-right">{row.kappa === null ? "" : row.kappa.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
