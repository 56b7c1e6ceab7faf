/** Shown when a signed-in user opens a page their role does not allow. */
export function Forbidden({ what }: { what: string }) {
  return (
    <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-6 text-sm text-amber-900">
      <h1 className="text-lg font-semibold">Not allowed</h1>
      <p className="mt-1">Your role cannot {what}. Ask an admin of your team if you need it.</p>
    </div>
  );
}
