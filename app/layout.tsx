import type { Metadata } from "next";
import type { ReactNode } from "react";
import { MainNav } from "@/components/ui/main-nav";
import { signOutAction } from "./sign-in/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Trajectory Studio", template: "%s · Trajectory Studio" },
  description: "Review, filter and export agent trajectories for fine-tuning",
};

// Every page is rendered per request, so Next can put this response's CSP nonce (proxy.ts) on its scripts.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <MainNav signOut={signOutAction} />
        <main className="mx-auto max-w-[96rem] px-6 py-8">{children}</main>
      </body>
    </html>
  );
}
