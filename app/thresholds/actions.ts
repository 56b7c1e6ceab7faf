"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { ZFormId, ZFormInteger, ZFormText } from "@/lib/actions/fields";
import { UserFacingError } from "@/lib/errors";
import { getSettings, setSetting } from "@/lib/settings/settings";
import { applyProposal, commentOnProposal, declineProposal, proposeThreshold, setThreshold } from "@/lib/thresholds/decisions";
import { formatThreshold, parseThresholdValue } from "@/lib/thresholds/value";

/** Success refreshes the page; the message is the form's feedback. */
function done(message: string) {
  revalidatePath("/thresholds");
  return { message };
}

export const proposeAction = formAction({
  scope: "thresholds:propose",
  input: z.object({ task: z.string(), value: ZFormText, reason: ZFormText }),
  run: async ({ task, value, reason }, actor) => {
    await proposeThreshold(actor, task, { value, reason });
    return done(`Proposed for ${task}. Teammates can comment; an admin applies or declines it.`);
  },
});

export const commentAction = formAction({
  scope: "thresholds:propose",
  input: z.object({ proposalId: ZFormId, body: ZFormText }),
  run: async ({ proposalId, body }, actor) => {
    await commentOnProposal(actor, proposalId, { body });
    return done("Comment added.");
  },
});

export const applyAction = formAction({
  scope: "thresholds:apply",
  input: z.object({ proposalId: ZFormId, note: ZFormText, version: ZFormInteger.optional() }),
  run: async ({ proposalId, note, version }, actor) => {
    const change = await applyProposal(actor, proposalId, { note, version });
    return done(`Applied: ${change.task} is now ${formatThreshold(change.newValue)} (was ${formatThreshold(change.oldValue)}).`);
  },
});

export const declineAction = formAction({
  scope: "thresholds:apply",
  input: z.object({ proposalId: ZFormId, note: ZFormText }),
  run: async ({ proposalId, note }, actor) => {
    await declineProposal(actor, proposalId, { note });
    return done("Declined.");
  },
});

export const setThresholdAction = formAction({
  scope: "thresholds:apply",
  input: z.object({ task: z.string(), value: ZFormText, reason: ZFormText, version: ZFormInteger.optional() }),
  run: async ({ task, value, reason, version }, actor) => {
    const change = await setThreshold(actor, task, { value, reason, version });
    return done(`Set: ${change.task} is now ${formatThreshold(change.newValue)} (was ${formatThreshold(change.oldValue)}).`);
  },
});

/** Team settings of the page: only what changed is written (and audited by setSetting). */
export const thresholdSettingsAction = formAction({
  scope: "settings:manage",
  input: z.object({ noRewardTreatment: z.string().optional(), defaultForOtherTasks: z.string().optional() }),
  run: async (input, actor) => {
    const settings = await getSettings(["thresholds.noRewardTreatment", "thresholds.defaultForOtherTasks"]);
    const treatment = settings["thresholds.noRewardTreatment"];
    const fallback = settings["thresholds.defaultForOtherTasks"];
    const changed: string[] = [];
    if (input.noRewardTreatment !== undefined && input.noRewardTreatment !== treatment) {
      await setSetting(actor, "thresholds.noRewardTreatment", input.noRewardTreatment);
      changed.push("the treatment of trajectories without a reward");
    }
    if (input.defaultForOtherTasks !== undefined) {
      const value = parseThresholdValue(input.defaultForOtherTasks);
      if (value === null) throw new UserFacingError('threshold of other tasks: must be a number from 0 to 1, or a fraction like "2/3"');
      if (value !== fallback) {
        await setSetting(actor, "thresholds.defaultForOtherTasks", value);
        changed.push("the threshold of other tasks");
      }
    }
    return done(changed.length ? `Saved ${changed.join(" and ")}.` : "Nothing changed.");
  },
});
