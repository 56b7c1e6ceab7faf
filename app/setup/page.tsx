import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { setupAction } from "./actions";
import { AuthCard } from "@/components/auth/auth-card";
import { AuthForm } from "@/components/auth/auth-form";
import { userCount } from "@/lib/auth/users";

export const metadata: Metadata = { title: "First run" };
export const dynamic = "force-dynamic";

/** First run only: while no account exists, whoever has the setup code from the server's console becomes the admin. */
export default async function SetupPage() {
  if ((await userCount()) > 0) redirect("/sign-in");
  return (
    <AuthCard
      title="Create the first admin"
      intro={<>This Trajectory Studio has no accounts yet. The account you create here is its first <b>admin</b>: it invites the rest of the team. There are no default passwords. To prove this is your server, type the setup code printed in the server's console when it started.</>}
    >
      <AuthForm
        action={setupAction}
        submit="Create admin account"
        fields={[
          { name: "email", label: "Email", type: "email", autoComplete: "username" },
          { name: "password", label: "Password (12 characters or more)", type: "password", autoComplete: "new-password" },
          { name: "confirm", label: "Password again", type: "password", autoComplete: "new-password" },
          { name: "setupCode", label: "Setup code", type: "text", autoComplete: "one-time-code" },
        ]}
      />
    </AuthCard>
  );
}
