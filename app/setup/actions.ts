"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { publicFormAction } from "@/lib/actions/form-action";
import { ZNewAccountForm } from "@/lib/actions/fields";
import { headerContext, startSession } from "@/lib/auth/next";
import { createFirstAdmin } from "@/lib/auth/users";

/** First run: while no account exists, creates the first admin and signs them in; createFirstAdmin refuses otherwise, or without the setup code. */
export const setupAction = publicFormAction({
  input: z.intersection(ZNewAccountForm, z.object({ setupCode: z.string() })),
  run: async ({ email, password, setupCode }) => {
    await startSession(await createFirstAdmin({ email, password, setupCode }, await headerContext()));
    redirect("/");
  },
});
