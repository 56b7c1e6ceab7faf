"use client";

import Link from "next/link";
import { formatDateTime } from "@/components/ui/format";
import { DataTable, HiddenLabel } from "@/components/ui/table";
import type { TJob } from "@/lib/job-kinds/jobs";
import { formatDuration, shortJobId } from "./format";
import { JobProgressView } from "./job-progress";
import { useJobs } from "./use-job";

/**
 * The /jobs listing: every kind, newest first, refreshed about once a second
 * while any job in it is queued or running. `controllable`: the kinds this
 * user may cancel and retry (the API checks again).
 */
export function JobsTable({ initial, query, controllable }: { initial: TJob[]; query: string; controllable: string[] }) {
  const { jobs, error, now, replace, fail } = useJobs(query, initial);
  if (jobs.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-500" data-testid="jobs-empty">
        No jobs{query ? " match these filters" : " yet"}. Imports, exports, contamination checks and bulk reviews appear here once started.
      </p>
    );
  }
  return (
    <div className="space-y-2">
      {error && <p role="alert" className="text-sm text-rose-700">{error}</p>}
      <DataTable
        label="Jobs"
        columns={[
          { label: "Job" },
          { label: "State and progress" },
          { label: "Started by" },
          { label: "Timings" },
          { label: "Worker" },
          { label: <HiddenLabel>Result</HiddenLabel> },
        ]}
      >
        {jobs.map((job) => (
          <tr key={job.id} className="align-top hover:bg-slate-50/60" data-testid={`job-row-${job.id}`}>
            <td className="whitespace-nowrap px-4 py-3">
              <div className="font-medium text-slate-900">{job.kind}</div>
              <div className="font-mono text-xs text-slate-500" title={job.id}>{shortJobId(job.id)}</div>
            </td>
            <td className="w-80 px-3 py-3">
              <JobProgressView job={job} now={now} canControl={controllable.includes(job.kind)} onChanged={replace} onError={fail} label={`${job.kind} job ${shortJobId(job.id)} progress`} />
            </td>
            <td className="whitespace-nowrap px-3 py-3 text-slate-700">{job.startedBy ?? <span className="text-slate-500">—</span>}</td>
            <td className="whitespace-nowrap px-3 py-3 text-xs text-slate-600">
              <Timings job={job} />
            </td>
            <td className="whitespace-nowrap px-3 py-3 font-mono text-xs text-slate-600">
              {job.worker ?? <span className="text-slate-500">—</span>}
              {job.attempts > 1 && <div className="font-sans text-slate-500">attempt {job.attempts}</div>}
            </td>
            <td className="whitespace-nowrap px-3 py-3">
              {job.result ? (
                <Link href={job.result.href} className="text-sm font-medium text-indigo-700 hover:underline">
                  {job.result.type} {job.result.id}
                </Link>
              ) : (
                <span className="text-slate-500">—</span>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function Timings({ job }: { job: TJob }) {
  return (
    <>
      <div>queued {formatDateTime(job.createdAt)}</div>
      {job.startedAt && <div className="text-slate-500">started {formatDateTime(job.startedAt)}</div>}
      {job.startedAt && job.finishedAt && <div className="text-slate-500">took {formatDuration(Date.parse(job.finishedAt) - Date.parse(job.startedAt))}</div>}
    </>
  );
}
