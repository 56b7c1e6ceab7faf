"use client";

import { useRef, useState } from "react";
import { JobProgress } from "@/components/jobs/job-progress";
import type { TJob } from "@/lib/job-kinds/jobs";
import type { TImportReport } from "@/lib/import/options";
import { callApi } from "@/components/ui/api-client";
import type { TImportPreview } from "@/lib/import/preview-file";
import { ImportPreviewTable } from "./import-preview";
import { ImportReportView } from "./import-report";
import { LabelledProgress } from "./labelled-progress";
import { type TImportPhase, uploadImport } from "./upload-import";

const FORMATS = ["auto", "agentinstruct", "sharegpt", "openai", "agentbench", "fireact", "alpaca"];

/** A JSONL file is previewed from its first lines only; other containers need the whole file, so only small ones are previewed. */
const PREVIEW_LINES_BYTES = 4 << 20;
const PREVIEW_WHOLE_MAX_BYTES = 64 << 20;

/** What the preview uploads: the whole file, or a JSONL file's first complete lines; null when it is too big to preview. */
async function previewBody(file: File): Promise<Blob | null> {
  if (file.size <= PREVIEW_LINES_BYTES) return file;
  if (/\.(jsonl|ndjson)$/i.test(file.name)) {
    const head = new Uint8Array(await file.slice(0, PREVIEW_LINES_BYTES).arrayBuffer());
    return new Blob([head.subarray(0, head.lastIndexOf(10) + 1)]);
  }
  return file.size <= PREVIEW_WHOLE_MAX_BYTES ? file : null;
}

export function ImportForm() {
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<TImportPhase>({ phase: "idle" });
  const [dragging, setDragging] = useState(false);
  const [preview, setPreview] = useState<{ file: File; answer: TImportPreview | null; error: string | null } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  async function showPreview() {
    if (!file || !formRef.current) return;
    const form = new FormData(formRef.current);
    const params = new URLSearchParams({ fileName: file.name });
    for (const key of ["format", "task", "kind"]) {
      const value = String(form.get(key) ?? "").trim();
      if (value && value !== "auto") params.set(key, value);
    }
    const body = await previewBody(file);
    if (!body) {
      setPreview({ file, answer: null, error: "too large to preview in the browser: import it, the report lists every skipped record" });
      return;
    }
    const answer = await callApi<TImportPreview>(`/api/v1/imports/preview?${params}`, "POST", body);
    setPreview({ file, answer: answer.ok ? answer.data : null, error: answer.ok ? null : answer.message });
  }
  const cancel = useRef<(() => void) | null>(null);
  const busy = state.phase === "uploading" || state.phase === "importing";

  // A done import answers with its report; a failed or cancelled one shows in the job's progress.
  function jobEnded(job: TJob) {
    const report = (job.output as { report?: TImportReport } | null)?.report;
    setState(job.state === "done" && report ? { phase: "done", jobId: job.id, report } : { phase: "ended", jobId: job.id });
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    const form = new FormData(event.currentTarget);
    const params: Record<string, string> = {};
    for (const key of ["format", "dataset", "task", "kind"]) {
      const value = String(form.get(key) ?? "").trim();
      if (value && value !== "auto") params[key] = value;
    }
    if (form.get("strict")) params.strict = "true";
    setState({ phase: "uploading", sent: 0, total: file.size });
    cancel.current = uploadImport(file, params, setState);
  }

  return (
    <div className="space-y-6">
      <form ref={formRef} onSubmit={submit} className="space-y-5 rounded-lg border border-slate-200 bg-white p-6">
        <label
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            setFile(event.dataTransfer.files[0] ?? null);
          }}
          className={`flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed px-6 py-8 text-center text-sm ${
            dragging ? "border-indigo-400 bg-indigo-50" : "border-slate-300 hover:border-slate-400"
          }`}
        >
          <span className="font-medium text-slate-800">{file ? file.name : "Choose a file or drop it here"}</span>
          <span className="mt-1 text-slate-500">
            {file ? `${formatBytes(file.size)}` : ".jsonl, .json or .parquet, any size"}
          </span>
          <input
            type="file"
            name="file"
            aria-label="Trajectory file"
            accept=".jsonl,.json,.parquet,.ndjson"
            className="sr-only"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </label>

        <div className="grid grid-cols-2 gap-4 text-sm">
          <Field label="Dataset name" hint="defaults to the file name">
            <input name="dataset" className="input" placeholder="e.g. os-gpt4-run3" />
          </Field>
          <Field label="Format" hint="auto-detected from the content">
            <select name="format" className="input" defaultValue="auto">
              {FORMATS.map((format) => <option key={format}>{format}</option>)}
            </select>
          </Field>
          <Field label="Task" hint="when ids like os_12 or the file name do not tell">
            <input name="task" className="input" placeholder="e.g. os, db, webshop, hotpotqa" />
          </Field>
          <Field label="Kind" hint="general = chat data to mix in (ShareGPT)">
            <select name="kind" className="input" defaultValue="">
              <option value="">detect</option>
              <option value="agent">agent</option>
              <option value="general">general</option>
            </select>
          </Field>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="strict" /> Strict: stop at the first bad record and import nothing
        </label>

        <div className="flex items-center gap-3">
          <button type="button" disabled={!file || busy} onClick={showPreview} className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50">
            Preview
          </button>
          <button type="submit" disabled={!file || busy} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-50">
            {busy ? "Importing…" : "Import"}
          </button>
          {state.phase === "uploading" && (
            <button type="button" onClick={() => { cancel.current?.(); setState({ phase: "failed", message: "upload cancelled: nothing was stored" }); }} className="text-sm text-slate-600 underline">
              Cancel upload
            </button>
          )}
        </div>
        <PhaseView state={state} onEnded={jobEnded} />
      </form>
      {preview && preview.file === file && preview.error && (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">Preview: {preview.error}</p>
      )}
      {preview && preview.file === file && preview.answer && state.phase !== "done" && <ImportPreviewTable preview={preview.answer} />}
      {state.phase === "done" && <ImportReportView report={state.report} />}
    </div>
  );
}

function PhaseView({ state, onEnded }: { state: TImportPhase; onEnded: (job: TJob) => void }) {
  if (state.phase === "uploading") return <LabelledProgress label="Uploading" done={state.sent} total={state.total} />;
  if (state.phase === "importing" || state.phase === "done" || state.phase === "ended") {
    // A worker reads the stored file: the shared job progress (bytes read), with its Cancel (nothing is stored then).
    return (
      <div data-testid="import-progress" className="space-y-1">
        <p className="text-xs text-slate-600">Importing: a worker reads the stored file{state.phase === "ended" ? "" : "; cancelling stores nothing"}</p>
        <JobProgress key={state.jobId} jobId={state.jobId} canControl onEnded={onEnded} label="Import progress" wide />
      </div>
    );
  }
  if (state.phase === "failed") return <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{state.message}</p>;
  return null;
}

function Field({ label, hint, children }: { label: string; hint: string; children: React.ReactNode }) {
  return (
    <label className="block">
      <span className="font-medium text-slate-700">{label}</span>
      <div className="mt-1">{children}</div>
      <span className="mt-0.5 block text-xs text-slate-500">{hint}</span>
    </label>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1 << 20) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1 << 30) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  return `${(bytes / (1 << 30)).toFixed(2)} GB`;
}
