import type { TImportReport } from "@/lib/import/options";

export type TImportPhase =
  | { phase: "idle" }
  | { phase: "uploading"; sent: number; total: number }
  | { phase: "importing"; bytesRead: number; totalBytes: number }
  | { phase: "done"; report: TImportReport }
  | { phase: "failed"; message: string };

/** What GET /api/v1/jobs/:id answers, as far as the import page reads it. */
type TJobAnswer = {
  state: "queued" | "running" | "done" | "failed" | "cancelled";
  progress: { done: number; total: number | null } | null;
  error: string | null;
  output: { report?: TImportReport } | null;
};

const POLL_MS = 500;

/**
 * Sends the file as the raw request body (XHR, because fetch cannot report
 * upload progress). The server stores it and answers with the import's job;
 * a worker imports it while this polls the job for its progress and, once
 * done, the import report. The returned function cancels: the upload, or the job.
 */
export function uploadImport(file: File, params: Record<string, string>, onPhase: (phase: TImportPhase) => void): () => void {
  const query = new URLSearchParams({ fileName: file.name, ...params });
  const xhr = new XMLHttpRequest();
  let jobId: string | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const poll = async (url: string) => {
    if (stopped) return;
    try {
      const response = await fetch(url, { cache: "no-store" });
      const body = (await response.json()) as TJobAnswer & { error?: { message?: string } | string | null };
      if (stopped) return;
      if (!response.ok) {
        const error = body.error as { message?: string } | null;
        return onPhase({ phase: "failed", message: error?.message ?? `the server answered ${response.status}` });
      }
      if (body.state === "done" && body.output?.report) return onPhase({ phase: "done", report: body.output.report });
      if (body.state === "done" || body.state === "cancelled") return onPhase({ phase: "failed", message: "cancelled: nothing was stored" });
      if (body.state === "failed") return onPhase({ phase: "failed", message: body.error ?? "the import failed" });
      onPhase({ phase: "importing", bytesRead: body.progress?.done ?? 0, totalBytes: body.progress?.total ?? file.size });
    } catch {
      // A missed poll (server restarting) is retried: the job goes on in the worker.
    }
    timer = setTimeout(() => void poll(url), POLL_MS);
  };

  xhr.open("POST", `/api/v1/imports?${query}`);
  xhr.setRequestHeader("content-type", "application/octet-stream");
  xhr.upload.onprogress = (event) => onPhase({ phase: "uploading", sent: event.loaded, total: event.total || file.size });
  xhr.upload.onload = () => onPhase({ phase: "importing", bytesRead: 0, totalBytes: file.size });
  xhr.onload = () => {
    const body = safeJson(xhr.responseText) as { error?: { message?: string }; job?: { id: string }; poll?: string } | null;
    if (xhr.status >= 400 || !body?.job || !body.poll) {
      onPhase({ phase: "failed", message: body?.error?.message ?? `the server answered ${xhr.status}` });
      return;
    }
    jobId = body.job.id;
    void poll(body.poll);
  };
  xhr.onerror = () => onPhase({ phase: "failed", message: "the upload failed: is the server still running?" });
  xhr.send(file);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    if (jobId) void fetch(`/api/v1/jobs/${jobId}/cancel`, { method: "POST" });
    else xhr.abort();
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
