import type { TImportReport } from "@/lib/import/options";

export type TImportPhase =
  | { phase: "idle" }
  | { phase: "uploading"; sent: number; total: number }
  /** Stored: a worker imports it as this job, followed through the shared job progress. */
  | { phase: "importing"; jobId: string }
  | { phase: "done"; jobId: string; report: TImportReport }
  | { phase: "ended"; jobId: string }
  | { phase: "failed"; message: string };

/**
 * Sends the file as the raw request body (XHR, because fetch cannot report
 * upload progress). The server stores it and answers with the import's job,
 * which the page then follows like every job. The returned function aborts the
 * upload (once stored, the job's own Cancel stops the import).
 */
export function uploadImport(file: File, params: Record<string, string>, onPhase: (phase: TImportPhase) => void): () => void {
  const query = new URLSearchParams({ fileName: file.name, ...params });
  const xhr = new XMLHttpRequest();
  xhr.open("POST", `/api/v1/imports?${query}`);
  xhr.setRequestHeader("content-type", "application/octet-stream");
  xhr.upload.onprogress = (event) => onPhase({ phase: "uploading", sent: event.loaded, total: event.total || file.size });
  xhr.onload = () => {
    const body = safeJson(xhr.responseText) as { error?: { message?: string }; job?: { id: string } } | null;
    if (xhr.status >= 400 || !body?.job) return onPhase({ phase: "failed", message: body?.error?.message ?? `the server answered ${xhr.status}` });
    onPhase({ phase: "importing", jobId: body.job.id });
  };
  xhr.onerror = () => onPhase({ phase: "failed", message: "the upload failed: is the server still running?" });
  xhr.send(file);
  return () => xhr.abort();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
