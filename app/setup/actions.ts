"use server";

import { redirect } from "next/navigation";
import { publicFormAction } from "@/lib/actions/form-action";
import { ZNewAccountForm } from "@/lib/actions/fields";
import { headerContext, startSession } from "@/lib/auth/next";
import { createFirstAdmin } from "@/lib/auth/users";

/** First run: while no account exists, creates the first admin and signs them in (createFirstAdmin refuses otherwise). */
export const setupAction = publicFormAction({
  input: ZNewAccountForm,
  run: async ({ email, password }) => {
    await startSession(await createFirstAdmin({ email, password }, await headerContext()));
    redirect("/");
  },
});
