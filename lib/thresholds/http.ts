import { apiError } from "@/lib/api/errors";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import type { TActor } from "@/lib/auth/actor";
import { proposalTask, ThresholdConflictError } from "./decisions";

/** Helpers for the /api/v1/thresholds route handlers: body, ids, and 409 for a stale decision. */

export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new UserFacingError("the request body must be JSON");
  }
}

/** The proposal of `/thresholds/:task/proposals/:id`, checked to belong to that task (404 otherwise). */
export async function proposalOf(actor: TActor, params: { task: string; id: string }): Promise<number> {
  const id = /^\d{1,9}$/.test(params.id) ? Number(params.id) : null;
  if (id === null || (await proposalTask(actor, id)) !== params.task) throw new NotFoundError(`no proposal ${params.id} for task ${params.task}`);
  return id;
}

/** A stale version or an already decided proposal answers 409; other errors go to apiRoute. */
export async function conflictsAs409(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ThresholdConflictError) return apiError(409, "conflict", error.message);
    throw error;
  }
}
