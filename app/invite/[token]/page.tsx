import type { Metadata } from "next";
import Link from "next/link";
import { acceptInviteAction } from "./actions";
import { AuthCard } from "@/components/auth/auth-card";
import { AuthForm } from "@/components/auth/auth-form";
import { findInvite } from "@/lib/auth/invites";

export const metadata: Metadata = { title: "Join your team" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findInvite(token);
  if (!invite) {
    return (
      <AuthCard title="This invitation cannot be used" intro="It was already used, it expired, or the link is incomplete. Ask your admin for a new one.">
        <Link href="/sign-in" className="text-sm text-indigo-700 underline">Go to sign in</Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Join your team" intro={<>You are invited as <b>{invite.role}</b>. Choose a password for <b>{invite.email}</b>.</>}>
      <AuthForm
        action={acceptInviteAction}
        hidden={{ token }}
        submit="Create my account"
        fields={[
          { name: "email", label: "Email", type: "email", defaultValue: invite.email, readOnly: true, autoComplete: "username" },
          { name: "password", label: "Password (12 characters or more)", type: "password", autoComplete: "new-password" },
          { name: "confirm", label: "Password again", type: "password", autoComplete: "new-password" },
        ]}
      />
    </AuthCard>
  );
}
