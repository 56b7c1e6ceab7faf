"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { ZFormInteger } from "@/lib/actions/fields";
import { setSetting } from "@/lib/settings/settings";

export const reviewSettingsAction = formAction({
  scope: "settings:manage",
  input: z.object({ required: ZFormInteger, rule: z.string() }),
  run: async ({ required, rule }, actor) => {
    await setSetting(actor, "review.requiredReviews", required);
    await setSetting(actor, "review.statusRule", rule);
    revalidatePath("/review/agreement");
    return { message: "Saved." };
  },
});
