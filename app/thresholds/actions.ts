"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActionActor } from "@/lib/auth/next";
import { describeZodError, UserFacingError } from "@/lib/errors";
import { getSetting, setSetting } from "@/lib/settings/settings";
import { applyProposal, commentOnProposal, declineProposal, proposeThreshold, setThreshold } from "@/lib/thresholds/decisions";
import { formatThreshold, parseThresholdValue } from "@/lib/thresholds/value";

export type TThresholdFormState = { error: string | null; message: string | null };

/** Runs one action: a user-facing error becomes the form's message; success refreshes the page. */
async function attempt(work: () => Promise<string>): Promise<TThresholdFormState> {
  try {
    const message = await work();
    revalidatePath("/thresholds");
    return { error: null, message };
  } catch (error) {
    if (error instanceof UserFacingError) return { error: error.message, message: null };
    if (error instanceof z.ZodError) return { error: describeZodError(error), message: null };
    throw error;
  }
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "");
const id = (form: FormData, name: string) => {
  const value = Number(form.get(name));
  if (!Number.isInteger(value) || value <= 0) throw new UserFacingError(`${name}: not a valid id`);
  return value;
};
const version = (form: FormData) => (form.has("version") ? Number(form.get("version")) : undefined);

export async function proposeAction(_state: TThresholdFormState, form: FormData): Promise<TThresholdFormState> {
  return attempt(async () => {
    const actor = await requireActionActor();
    const task = text(form, "task");
    await proposeThreshold(actor, task, { value: text(form, "value"), reason: text(form, "reason") });
    return `Proposed for ${task}. Teammates can comment; an admin applies or declines it.`;
  });
}

export async function commentAction(_state: TThresholdFormState, form: FormData): Promise<TThresholdFormState> {
  return attempt(async () => {
    const actor = await requireActionActor();
    await commentOnProposal(actor, id(form, "proposalId"), { body: text(form, "body") });
    return "Comment added.";
  });
}

export async function applyAction(_state: TThresholdFormState, form: FormData): Promise<TThresholdFormState> {
  return attempt(async () => {
    const actor = await requireActionActor();
    const change = await applyProposal(actor, id(form, "proposalId"), { note: text(form, "note"), version: version(form) });
    return `Applied: ${change.task} is now ${formatThreshold(change.newValue)} (was ${formatThreshold(change.oldValue)}).`;
  });
}

export async function declineAction(_state: TThresholdFormState, form: FormData): Promise<TThresholdFormState> {
  return attempt(async () => {
    const actor = await requireActionActor();
    await declineProposal(actor, id(form, "proposalId"), { note: text(form, "note") });
    return "Declined.";
  });
}

export async function setThresholdAction(_state: TThresholdFormState, form: FormData): Promise<TThresholdFormState> {
  return attempt(async () => {
    const actor = await requireActionActor();
    const change = await setThreshold(actor, text(form, "task"), { value: text(form, "value"), reason: text(form, "reason"), version: version(form) });
    return `Set: ${change.task} is now ${formatThreshold(change.newValue)} (was ${formatThreshold(change.oldValue)}).`;
  });
}

/** Team settings of the page (admins: setSetting checks "settings:manage" and audits the change). */
export async function thresholdSettingsAction(_state: TThresholdFormState, form: FormData): Promise<TThresholdFormState> {
  return attempt(async () => {
    const actor = await requireActionActor();
    const [treatment, fallback] = await Promise.all([getSetting("thresholds.noRewardTreatment"), getSetting("thresholds.defaultForOtherTasks")]);
    const changed: string[] = [];
    // Only what changed is written (and audited).
    if (form.has("noRewardTreatment") && text(form, "noRewardTreatment") !== treatment) {
      await setSetting(actor, "thresholds.noRewardTreatment", text(form, "noRewardTreatment"));
      changed.push("the treatment of trajectories without a reward");
    }
    if (form.has("defaultForOtherTasks")) {
      const value = parseThresholdValue(text(form, "defaultForOtherTasks"));
      if (value === null) throw new UserFacingError('threshold of other tasks: must be a number from 0 to 1, or a fraction like "2/3"');
      if (value !== fallback) {
        await setSetting(actor, "thresholds.defaultForOtherTasks", value);
        changed.push("the threshold of other tasks");
      }
    }
    return changed.length ? `Saved ${changed.join(" and ")}.` : "Nothing changed.";
  });
}
