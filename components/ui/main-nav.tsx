import Link from "next/link";
import type { TFormAction } from "@/lib/actions/state";
import { actorCan, currentActor } from "@/lib/auth/next";
import { ActionForm } from "./action-form";
import { NavLink } from "./nav-link";

/** The top bar; later pages add their entry to NAV_ITEMS. Showing a link grants nothing: pages check too. */
const NAV_ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/trajectories", label: "Trajectories" },
  { href: "/thresholds", label: "Thresholds" },
  { href: "/review/agreement", label: "Agreement" },
  { href: "/contamination", label: "Contamination" },
  { href: "/exports", label: "Exports" },
  { href: "/jobs", label: "Jobs" },
];

/** `signOut`: the sign-out server action, passed down by the root layout. */
export async function MainNav({ signOut }: { signOut: TFormAction }) {
  const actor = await currentActor();
  const items = [
    ...NAV_ITEMS,
    ...(actor && actorCan(actor, "datasets:import") ? [{ href: "/import", label: "Import" }] : []),
    ...(actor && actorCan(actor, "users:manage") ? [{ href: "/admin/team", label: "Team" }, { href: "/admin/audit", label: "Audit log" }] : []),
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav className="mx-auto flex max-w-[96rem] items-center gap-8 px-6 py-3" aria-label="Main">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
          <span aria-hidden className="inline-block h-5 w-5 rounded bg-gradient-to-br from-indigo-500 to-sky-400" />
          Trajectory Studio
        </Link>
        {actor && (
          <>
            <ul className="flex items-center gap-1 text-sm">
              {items.map((item) => (
                <li key={item.href}>
                  <NavLink href={item.href}>{item.label}</NavLink>
                </li>
              ))}
            </ul>
            <div className="ml-auto flex items-center gap-3 text-sm">
              <Link href="/settings" className="text-slate-700 hover:text-slate-900" data-testid="current-user">
                {actor.kind === "user" ? actor.email : actor.label} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{actor.role}</span>
              </Link>
              <ActionForm action={signOut}>
                <button type="submit" className="text-slate-500 hover:text-slate-900">Sign out</button>
              </ActionForm>
            </div>
          </>
        )}
      </nav>
    </header>
  );
}
