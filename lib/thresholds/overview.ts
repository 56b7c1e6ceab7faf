import { assertCan, type TActor } from "@/lib/access/actor";
import { prisma } from "@/lib/db/client";
import type { TPlain } from "@/lib/db/row";
import type { ThresholdChange, ThresholdComment, ThresholdProposal } from "@/lib/generated/prisma/client";
import { rewardMeaning } from "@/lib/tasks/reward-meaning";
import {
  displayHistogram, passingAt, retentionCurve, totalsOf, type TCurvePoint, type TStatusCounts, type TTaskHistogram, ZERO,
} from "./curve";
import { loadRewardHistograms, type TMark } from "./figures";
import { DEFAULT_RECIPE_SHARES, mixWhatIf, recipeCapacity, type TCapacity, type TMixWhatIf } from "./mix";
import { loadThresholdRules, type TNoRewardTreatment, thresholdOf } from "./rules";

export type TPassing = TStatusCounts & { exact: boolean };

export type TCommentView = TPlain<Pick<ThresholdComment, "id" | "body" | "createdAt">> & { author: string };

export type TProposalView = TPlain<Pick<ThresholdProposal, "id" | "task" | "value" | "reason" | "state" | "createdAt" | "decidedAt" | "decisionNote">> & {
  proposedBy: string;
  decidedBy: string | null;
  comments: TCommentView[];
  /** Trajectories of the task that would pass at the proposed value (today's data). */
  wouldPass: TPassing;
  /** Open proposals: what applying it does to the training mix. */
  whatIf: TMixWhatIf | null;
};

export type TChangeView = TPlain<Pick<ThresholdChange, "id" | "oldValue" | "newValue" | "version" | "reason" | "proposalId" | "createdAt">> & {
  actor: string;
};

export type TTaskView = {
  task: string;
  rewardMeaning: string;
  /** version 0 and isDefault: the task has no threshold of its own and uses the default for other tasks. */
  threshold: { value: number; version: number; isDefault: boolean; updatedAt: string | null };
  counts: {
    trajectories: TStatusCounts;
    withReward: TStatusCounts;
    noReward: TStatusCounts;
    /** Passing the current threshold, those without reward included when the team keeps them. */
    passing: TPassing;
  };
  histogram: { from: number; to: number; count: number; label: string }[];
  curve: TCurvePoint[];
  proposals: TProposalView[];
  history: TChangeView[];
};

export type TThresholdOverview = {
  rules: { defaultForOtherTasks: number; noRewardTreatment: TNoRewardTreatment };
  recipe: Readonly<Record<string, number>>;
  /** The largest mix that keeps the recipe's shares with today's thresholds. */
  capacity: TCapacity;
  tasks: TTaskView[];
};

/** The method's tasks first, in docs/method.md's order; then the others by size. */
const METHOD_ORDER = ["os", "db", "alfworld", "webshop", "kg", "mind2web"];

/**
 * Everything the thresholds page and GET /api/v1/thresholds show: per task the
 * counts, reward histogram, retention curve, current threshold, proposals
 * (with comments and what-if) and history. The figures come from one
 * aggregate query (figures.ts); the rest from small tables.
 */
export async function getThresholdOverview(actor: TActor): Promise<TThresholdOverview> {
  assertCan(actor, "trajectories:read");
  const [rules, proposals, history] = await Promise.all([loadThresholdRules(), loadProposals(), loadHistory()]);
  const open = proposals.filter((proposal) => proposal.state === "open");
  const marks: TMark[] = [
    { task: null, value: rules.defaultForOtherTasks },
    ...Object.entries(rules.byTask).map(([task, row]) => ({ task, value: row.threshold })),
    ...open.map((proposal) => ({ task: proposal.task, value: proposal.value })),
  ];
  const histograms = await loadRewardHistograms(marks);

  const taskNames = [...new Set([...histograms.keys(), ...Object.keys(rules.byTask), ...proposals.map((proposal) => proposal.task)])];
  const histogramOf = (task: string): TTaskHistogram => histograms.get(task) ?? { task, bins: [], noReward: ZERO };
  const passingNow = Object.fromEntries(
    taskNames.map((task) => [task, passingAt(histogramOf(task), thresholdOf(rules, task), rules.noRewardTreatment)]),
  );
  const totalsNow = Object.fromEntries(taskNames.map((task) => [task, passingNow[task]!.total]));

  const tasks = taskNames.map((task): TTaskView => {
    const histogram = histogramOf(task);
    const { all, rewarded } = totalsOf(histogram);
    const own = rules.byTask[task];
    const taskProposals = proposals.filter((proposal) => proposal.task === task);
    const proposalViews = taskProposals.map((proposal): TProposalView => {
      const wouldPass = passingAt(histogram, proposal.value, rules.noRewardTreatment);
      return {
        ...proposal,
        wouldPass,
        whatIf: proposal.state === "open" ? mixWhatIf(totalsNow, { ...totalsNow, [task]: wouldPass.total }, DEFAULT_RECIPE_SHARES) : null,
      };
    });
    return {
      task,
      rewardMeaning: rewardMeaning(task),
      threshold: { value: thresholdOf(rules, task), version: own?.version ?? 0, isDefault: !own, updatedAt: own?.updatedAt ?? null },
      counts: { trajectories: all, withReward: rewarded, noReward: histogram.noReward, passing: passingNow[task]! },
      histogram: displayHistogram(histogram),
      curve: retentionCurve(histogram, [thresholdOf(rules, task), ...taskProposals.filter((p) => p.state === "open").map((p) => p.value)], rules.noRewardTreatment),
      proposals: proposalViews,
      history: history.filter((change) => change.task === task).map(({ task: _task, ...change }) => change),
    };
  });
  tasks.sort((a, b) => rank(a.task) - rank(b.task) || b.counts.trajectories.total - a.counts.trajectories.total || a.task.localeCompare(b.task));

  return {
    rules: { defaultForOtherTasks: rules.defaultForOtherTasks, noRewardTreatment: rules.noRewardTreatment },
    recipe: DEFAULT_RECIPE_SHARES,
    capacity: recipeCapacity(totalsNow, DEFAULT_RECIPE_SHARES),
    tasks,
  };
}

function rank(task: string): number {
  const index = METHOD_ORDER.indexOf(task);
  return index === -1 ? METHOD_ORDER.length : index;
}

type TProposalRow = Omit<TProposalView, "wouldPass" | "whatIf">;

/** Open proposals first, then decided ones, newest first; with their comments. */
async function loadProposals(): Promise<TProposalRow[]> {
  const [proposals, comments] = await Promise.all([
    prisma().thresholdProposal.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    prisma().thresholdComment.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  ]);
  const userIds = [...proposals.flatMap((row) => [row.proposedById, row.decidedById]), ...comments.map((comment) => comment.authorId)];
  const users = await prisma().user.findMany({ where: { id: { in: userIds.filter((id) => id !== null) } }, select: { id: true, email: true } });
  const emailOf = new Map(users.map((user) => [user.id, user.email]));
  // Stable sort: open proposals first, each group keeps the newest-first order.
  const ordered = [...proposals.filter((row) => row.state === "open"), ...proposals.filter((row) => row.state !== "open")];
  return ordered.map((row) => ({
    id: row.id,
    task: row.task,
    value: row.value,
    reason: row.reason,
    state: row.state,
    proposedBy: emailOf.get(row.proposedById) ?? "(deleted user)",
    createdAt: row.createdAt.toISOString(),
    decidedBy: row.decidedById === null ? null : (emailOf.get(row.decidedById) ?? null),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote,
    comments: comments
      .filter((comment) => comment.proposalId === row.id)
      .map((comment) => ({ id: comment.id, author: emailOf.get(comment.authorId) ?? "(deleted user)", body: comment.body, createdAt: comment.createdAt.toISOString() })),
  }));
}

async function loadHistory(): Promise<(TChangeView & { task: string })[]> {
  const changes = await prisma().thresholdChange.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return changes.map(({ actorLabel, actorId: _actorId, ...change }) => ({ ...change, actor: actorLabel, createdAt: change.createdAt.toISOString() }));
}
