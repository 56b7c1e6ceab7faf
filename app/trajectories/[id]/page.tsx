import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReplayHeader } from "@/components/replay/replay-header";
import { ReplayKeyboard } from "@/components/replay/replay-keyboard";
import { ToolsPanel } from "@/components/replay/tools-panel";
import { TurnList } from "@/components/replay/turn-list";
import { ContaminationPanel } from "@/components/contamination/contamination-panel";
import { ReviewPanel } from "@/components/review/review-panel";
import { actorCan, requirePageActor } from "@/lib/auth/next";
import { groundingHints } from "@/lib/review/grounding-hints";
import { getTrajectory } from "@/lib/trajectories/get-trajectory";
import { toolsOf } from "@/lib/trajectories/tool-display";
import { neighbours } from "@/lib/trajectories/list-trajectories";
import { parseTrajectoryQuery, toSearchParams, ZTrajectoryQuery } from "@/lib/trajectories/query";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Replay" };

/** The page sends at most this much of each turn; "show all" fetches the rest. */
const TURN_PREVIEW_CHARS = 4000;

type TProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ReplayPage({ params, searchParams }: TProps) {
  const actor = await requirePageActor();
  const { id } = await params;
  const parsed = parseTrajectoryQuery(await searchParams);
  // The table's filter and sort travel in the query string, for next/previous.
  const tableQuery = parsed.success ? { ...parsed.data, after: undefined, before: undefined } : ZTrajectoryQuery.parse({});
  const [trajectory, around] = await Promise.all([getTrajectory(actor, id, { maxTurnChars: TURN_PREVIEW_CHARS }), neighbours(actor, tableQuery, id)]);
  if (!trajectory) notFound();
  const hints = await groundingHints(actor, id);
  const raw = await searchParams;
  const inQueue = raw.queue === "1";
  // From a contamination report (?contaminationRun=ID), or when the newest run flagged this trajectory.
  const contaminationRun = typeof raw.contaminationRun === "string" && /^\d+$/.test(raw.contaminationRun) ? Number(raw.contaminationRun) : undefined;
  const showContamination = contaminationRun !== undefined || (trajectory.contaminationLabel !== null && trajectory.contaminationLabel !== "clean");

  const search = toSearchParams(tableQuery).toString();
  const suffix = search ? `?${search}` : "";
  const hrefOf = (other: string | null) => (other ? `/trajectories/${other}${suffix}` : null);
  const tableHref = `/trajectories${suffix}`;

  // Wide screens: the review panel is a side column; narrow ones: a compact bar at the bottom,
  // with room kept below the steps (pb-56) so the last one can scroll clear of it.
  return (
    <div className="mx-auto max-w-5xl pb-56 lg:grid lg:max-w-7xl lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start lg:gap-6 lg:pb-0">
      <div className="min-w-0 space-y-6">
        <nav className="flex items-center gap-3 text-sm" aria-label="Trajectory navigation">
          <Link href={tableHref} className="text-indigo-700 hover:underline">← Back to the table</Link>
          <span className="ml-auto flex gap-2">
            <ReplayKeyboard trajectoryId={trajectory.id} nextHref={hrefOf(around.next)} previousHref={hrefOf(around.previous)} tableHref={tableHref} />
            <NeighbourLink href={hrefOf(around.previous)} label="Previous" hint="[" />
            <NeighbourLink href={hrefOf(around.next)} label="Next" hint="]" />
          </span>
        </nav>
        <ReplayHeader trajectory={trajectory} />
        {showContamination && <ContaminationPanel actor={actor} trajectoryId={trajectory.id} runId={contaminationRun} />}
        <ToolsPanel tools={toolsOf(trajectory.tools)} />
        <TurnList trajectory={trajectory} hints={hints} canEdit={actorCan(actor, "thoughts:write")} />
      </div>
      <ReviewPanel
        key={trajectory.id}
        trajectoryId={trajectory.id}
        status={trajectory.status}
        version={trajectory.version}
        reviews={trajectory.reviews}
        me={actor.kind === "user" ? actor.email : ""}
        canReview={actorCan(actor, "review:write")}
        queueFilter={inQueue ? search : null}
        tableQuery={search}
      />
    </div>
  );
}

function NeighbourLink({ href, label, hint }: { href: string | null; label: string; hint: string }) {
  const style = "rounded-md border border-slate-300 bg-white px-3 py-1";
  if (!href) return <span className={`${style} opacity-40`} aria-disabled>{label}</span>;
  return <Link href={href} className={`${style} hover:bg-slate-50`} title={`${label} in the table's filter (${hint})`}>{label} <kbd className="text-xs text-slate-500">{hint}</kbd></Link>;
}
