import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signInAction } from "./actions";
import { AuthCard } from "@/components/auth/auth-card";
import { AuthForm } from "@/components/auth/auth-form";
import { currentActor } from "@/lib/auth/next";
import { userCount } from "@/lib/auth/users";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if ((await userCount()) === 0) redirect("/setup");
  if (await currentActor()) redirect("/");
  const { next } = await searchParams;
  return (
    <AuthCard title="Sign in to Trajectory Studio">
      <AuthForm
        action={signInAction}
        hidden={{ next: next ?? "/" }}
        submit="Sign in"
        fields={[
          { name: "email", label: "Email", type: "email", autoComplete: "username" },
          { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
        ]}
      />
      <p className="mt-4 text-xs text-slate-500">No account? An admin of your team sends you an invitation link.</p>
    </AuthCard>
  );
}
