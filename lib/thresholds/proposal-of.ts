import type { TActor } from "@/lib/access/actor";
import { NotFoundError } from "@/lib/errors";
import { proposalTask } from "./decisions";

/** The proposal of `/thresholds/:task/proposals/:id`, checked to belong to that task (404 otherwise). */
export async function proposalOf(actor: TActor, task: string, id: number): Promise<number> {
  if ((await proposalTask(actor, id)) !== task) throw new NotFoundError(`no proposal ${id} for task ${task}`);
  return id;
}
