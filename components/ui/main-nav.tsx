import Link from "next/link";
import { NavLink } from "./nav-link";

/** The top bar; later pages add their entry to NAV_ITEMS. */
const NAV_ITEMS = [
  { href: "/", label: "Datasets" },
  { href: "/trajectories", label: "Trajectories" },
  { href: "/import", label: "Import" },
];

export function MainNav() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav className="mx-auto flex max-w-[96rem] items-center gap-8 px-6 py-3" aria-label="Main">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
          <span aria-hidden className="inline-block h-5 w-5 rounded bg-gradient-to-br from-indigo-500 to-sky-400" />
          Trajectory Studio
        </Link>
        <ul className="flex items-center gap-1 text-sm">
          {NAV_ITEMS.map((item) => (
            <li key={item.href}>
              <NavLink href={item.href}>{item.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
