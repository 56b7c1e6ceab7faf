"use client";

export default function TrajectoriesError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 p-6 text-sm text-rose-900">
      <h1 className="text-lg font-semibold">The trajectories could not be loaded</h1>
      <p className="mt-2">The server or its database did not answer. Check that the app is still running (<code>/api/health</code>), then try again.</p>
      <button type="button" onClick={reset} className="mt-3 rounded-md bg-rose-700 px-3 py-1.5 text-white">Try again</button>
    </div>
  );
}
