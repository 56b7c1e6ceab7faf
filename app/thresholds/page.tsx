import type { Metadata } from "next";
import Link from "next/link";
import { OverviewTable } from "@/components/thresholds/overview-table";
import { TaskSection } from "@/components/thresholds/task-section";
import { ThresholdSettingsForm } from "@/components/thresholds/threshold-forms";
import { actorCan, requirePageActor } from "@/lib/auth/next";
import { getThresholdOverview } from "@/lib/thresholds/overview";
import { formatThreshold } from "@/lib/thresholds/value";
import { applyAction, commentAction, declineAction, proposeAction, setThresholdAction, thresholdSettingsAction } from "./actions";
import { MethodLink } from "@/components/ui/method-link";

const ACTIONS = { propose: proposeAction, comment: commentAction, apply: applyAction, decline: declineAction, set: setThresholdAction };

export const metadata: Metadata = { title: "Thresholds" };
export const dynamic = "force-dynamic";

type TProps = { searchParams: Promise<{ task?: string | string[] }> };

/** The overview of every task, and one task's chart, proposals and history at a time (?task=NAME, from its overview row). */
export default async function ThresholdsPage({ searchParams }: TProps) {
  const actor = await requirePageActor();
  const overview = await getThresholdOverview(actor);
  const asked = (await searchParams).task;
  const open = overview.tasks.find((view) => view.task === (Array.isArray(asked) ? asked[0] : asked)) ?? null;
  const canPropose = actorCan(actor, "thresholds:propose");
  const canApply = actorCan(actor, "thresholds:apply");
  const canManage = actorCan(actor, "settings:manage");
  const noReward = overview.tasks.reduce((sum, task) => sum + task.counts.noReward.total, 0);
  const passingByTask = Object.fromEntries(overview.tasks.map((task) => [task.task, task.counts.passing.total]));
  const { noRewardTreatment, defaultForOtherTasks } = overview.rules;

  return (
    <div className="space-y-6">
      <div className="max-w-4xl">
        <h1 className="text-2xl font-semibold tracking-tight">Reward thresholds</h1>
        <p className="mt-1 text-sm text-slate-600">
          A trajectory is kept for training when its reward reaches its task&apos;s threshold; a reward equal to the threshold passes.
          The method used 1 for every task but mind2web, where almost no run is fully right and 2/3 kept enough (<MethodLink section={3} />).
          Higher keeps better trajectories, lower keeps more: look at how many survive at each threshold, then propose a change.
          {canApply ? " As an admin, you apply or decline proposals." : " An admin applies or declines it."}
        </p>
      </div>

      <section aria-label="Rules for every task" className="grid gap-4 md:grid-cols-2">
        <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="no-reward-rule">
          <h2 className="text-sm font-medium text-slate-700">Trajectories without a reward</h2>
          <p className="mt-1 text-sm text-slate-600">
            <b className="tabular-nums text-slate-900">{noReward.toLocaleString("en")}</b> agent trajectories have no reward (already-filtered
            releases such as AgentInstruct store none). They are counted apart in every figure and are{" "}
            <b className="text-slate-900" data-testid="no-reward-treatment">{noRewardTreatment === "pass" ? "kept, as passing" : "excluded"}</b>
            {noRewardTreatment === "pass" ? ": every threshold keeps them." : ": no threshold keeps them."}
          </p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="text-sm font-medium text-slate-700">Tasks without a threshold of their own</h2>
          <p className="mt-1 text-sm text-slate-600">
            use <b className="tabular-nums text-slate-900">{formatThreshold(defaultForOtherTasks)}</b>. The six AgentTuning tasks start at the
            method&apos;s values; every value here is a team setting, changed with a reason and kept in the history.
          </p>
        </div>
        {canManage && (
          // Behind a toggle: the page keeps to two screens with a task open.
          <details className="rounded-xl border border-slate-200 bg-slate-50 px-4 py-2 md:col-span-2">
            <summary className="cursor-pointer text-sm font-medium text-slate-700">Change these rules (admins)</summary>
            <div className="py-2">
              <ThresholdSettingsForm action={thresholdSettingsAction} noRewardTreatment={noRewardTreatment} defaultForOtherTasks={defaultForOtherTasks} />
            </div>
          </details>
        )}
      </section>

      {!overview.tasks.some((task) => task.counts.trajectories.total > 0) ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-600">
          No agent trajectories yet. <Link href="/import" className="underline">Import some</Link> to see how many each threshold keeps.
        </div>
      ) : (
        <>
          <OverviewTable overview={overview} openTask={open?.task ?? null} />
          {open ? (
            <TaskSection
              key={open.task}
              view={open}
              noRewardTreatment={noRewardTreatment}
              passingByTask={passingByTask}
              recipe={overview.recipe}
              canPropose={canPropose}
              canApply={canApply}
              actions={ACTIONS}
            />
          ) : (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600" data-testid="pick-a-task">
              {asked ? `No task "${String(asked)}" here. ` : ""}Open a task from the table to see its retention curve, its proposals and its history.
            </p>
          )}
        </>
      )}
    </div>
  );
}
