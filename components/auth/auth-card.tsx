import type { ReactNode } from "react";

export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto mt-12 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      {intro && <div className="mt-2 text-sm text-slate-600">{intro}</div>}
      <div className="mt-5">{children}</div>
    </div>
  );
}
