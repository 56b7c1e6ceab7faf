"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { callApi } from "@/components/ui/api-client";
import type { TJob } from "@/lib/job-kinds/jobs";

/** Once a second: progress is written at most that often, so faster polling shows nothing new. */
export const POLL_MS = 1000;

export const ACTIVE_JOB_STATES: ReadonlySet<string> = new Set(["queued", "running"]);

export const isActiveJob = (job: Pick<TJob, "state">) => ACTIVE_JOB_STATES.has(job.state);

/**
 * Polls one API path about once a second while `active(data)` holds and stops
 * when it no longer does. `now` is the browser's time of the last reading (null
 * before the first one after mount, so server and browser render the same).
 */
function usePolled<T>(path: string, initial: T, active: (data: T) => boolean) {
  const [data, setData] = useState<T>(initial);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState<number | null>(null);
  // Counts readings, so a failed reading (data unchanged) still schedules the next one.
  const [readings, setReadings] = useState(0);
  const polling = active(data);

  useEffect(() => setNow(Date.now()), []);
  useEffect(() => {
    if (!polling) return;
    let stopped = false;
    const timer = setTimeout(async () => {
      const answer = await callApi<T>(path, "GET");
      if (stopped) return;
      setNow(Date.now());
      setReadings((count) => count + 1);
      if (!answer.ok) return setError(answer.message);
      setError(null);
      setData(answer.data);
    }, data === null ? 0 : POLL_MS); // nothing read yet: read at once
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [path, polling, data, readings]);

  return { data, setData, error, setError, now };
}

/**
 * One job, from GET /api/v1/jobs/:id, polled while it is queued or running.
 * onEnded runs once when it reaches done, failed or cancelled (a page refreshes
 * its own record then). Any kind: the page knows only the job id. `path`: an
 * API path that answers a task made of many jobs as one (a contamination check).
 */
export function useJob(jobId: string, options: { initial?: TJob | null; onEnded?: (job: TJob) => void; path?: string } = {}) {
  const path = options.path ?? `/api/v1/jobs/${jobId}`;
  const polled = usePolled<TJob | null>(path, options.initial ?? null, (job) => job === null || isActiveJob(job));
  const onEnded = useRef(options.onEnded);
  onEnded.current = options.onEnded;
  const wasActive = useRef(polled.data === null || isActiveJob(polled.data));
  useEffect(() => {
    const job = polled.data;
    if (!job) return;
    if (wasActive.current && !isActiveJob(job)) onEnded.current?.(job);
    wasActive.current = isActiveJob(job);
  }, [polled.data]);
  return { job: polled.data, error: polled.error, now: polled.now, replace: polled.setData as (job: TJob) => void, fail: polled.setError };
}

/** A list of jobs from GET /api/v1/jobs?query, polled while any of them is queued or running. */
export function useJobs(query: string, initial: TJob[]) {
  const polled = usePolled<{ jobs: TJob[] }>(`/api/v1/jobs${query ? `?${query}` : ""}`, { jobs: initial }, (data) => data.jobs.some(isActiveJob));
  const { setData } = polled;
  const replace = useCallback((job: TJob) => setData((data) => ({ jobs: data.jobs.map((other) => (other.id === job.id ? job : other)) })), [setData]);
  return { jobs: polled.data.jobs, error: polled.error, now: polled.now, replace, fail: polled.setError };
}

/** POST /api/v1/jobs/:id/cancel or /retry: the job as it is now, or the server's message. */
export async function controlJob(jobId: string, action: "cancel" | "retry") {
  return callApi<TJob>(`/api/v1/jobs/${jobId}/${action}`, "POST");
}
