import type { TDemoTask, TTaskBuilder } from "../types";
import { alfworldTask } from "./alfworld";
import { dbTask } from "./db";
import { kgTask } from "./kg";
import { mind2webTask } from "./mind2web";
import { osTask } from "./os";
import { webshopTask } from "./webshop";

export const TASK_BUILDERS: Record<TDemoTask, TTaskBuilder> = {
  os: osTask,
  db: dbTask,
  alfworld: alfworldTask,
  webshop: webshopTask,
  kg: kgTask,
  mind2web: mind2webTask,
};
