/** While a replay loads: its own outline (header, steps, review column), not the table's skeleton above it. */
export default function Loading() {
  return (
    <div className="mx-auto max-w-5xl lg:grid lg:max-w-7xl lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-6" aria-busy="true" aria-label="Loading the trajectory">
      <div className="space-y-4">
        <div className="h-6 w-64 animate-pulse rounded bg-slate-100" />
        <div className="h-16 animate-pulse rounded-lg bg-slate-100" />
        {Array.from({ length: 4 }, (_, step) => <div key={step} className="h-40 animate-pulse rounded-lg bg-slate-100" />)}
      </div>
      <div className="hidden h-48 animate-pulse rounded-lg bg-slate-100 lg:block" />
    </div>
  );
}
