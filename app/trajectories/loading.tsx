export default function Loading() {
  return (
    <div className="grid grid-cols-[12rem_minmax(0,1fr)] gap-6" aria-busy="true" aria-label="Loading trajectories">
      <div className="h-96 animate-pulse rounded-lg bg-slate-100" />
      <div className="space-y-3">
        <div className="h-8 w-48 animate-pulse rounded bg-slate-100" />
        {Array.from({ length: 10 }, (_, row) => <div key={row} className="h-10 animate-pulse rounded bg-slate-100" />)}
      </div>
    </div>
  );
}
