"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/components/ui/api-client";

type TPreview = { records: { id: string; value: unknown }[]; fields: { name: string; count: number; sample: string }[]; suggested: string[] };

/** Upload a test set: preview its first records, pick the text field(s), name it, import. */
export function TestSetUpload() {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<TPreview | null>(null);
  const [fields, setFields] = useState<string[]>([]);
  const [name, setName] = useState("");
  const [task, setTask] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function choose(f: File | null) {
    setFile(f);
    setPreview(null);
    setMessage(null);
    if (!f) return;
    setName(f.name.replace(/\.[^.]+$/, ""));
    setBusy(true);
    const answer = await callApi<TPreview>(`/api/v1/testsets?preview=true&fileName=${encodeURIComponent(f.name)}`, "POST", f);
    setBusy(false);
    if (!answer.ok) return setMessage(answer.message);
    const p = answer.data;
    setPreview(p);
    setFields(p.suggested);
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!file) return;
    const q = new URLSearchParams({ fileName: file.name, name, task });
    for (const f of fields) q.append("field", f);
    setBusy(true);
    const answer = await callApi<{ name: string; itemCount: number }>(`/api/v1/testsets?${q}`, "POST", file);
    setBusy(false);
    if (!answer.ok) return setMessage(answer.message);
    const set = answer.data;
    setMessage(`Imported "${set.name}": ${set.itemCount} items.`);
    setFile(null);
    setPreview(null);
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="testset-upload">
      <h2 className="text-sm font-medium text-slate-700">Import a test set</h2>
      <p className="text-sm text-slate-600">JSON, JSONL, CSV or parquet: one benchmark item per record. Pick the field(s) holding the question after the preview.</p>
      <input type="file" aria-label="Test set file" accept=".json,.jsonl,.ndjson,.csv,.parquet" onChange={(e) => void choose(e.target.files?.[0] ?? null)} className="text-sm" />
      {preview && (
        <div className="space-y-3">
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Text field(s)</legend>
            <div className="mt-1 space-y-1">
              {preview.fields.map((f) => (
                <label key={f.name} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={fields.includes(f.name)}
                    onChange={(e) => setFields(e.target.checked ? [...fields, f.name] : fields.filter((x) => x !== f.name))}
                  />
                  <span>
                    <code className="rounded bg-slate-100 px-1">{f.name}</code> <span className="text-slate-500">in {f.count} sampled records, e.g.</span>{" "}
                    <span className="text-slate-700">{f.sample}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-600">First {preview.records.length} records</summary>
            <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-2 text-xs">{preview.records.map((r) => JSON.stringify(r.value)).join("\n")}</pre>
          </details>
          <div className="flex flex-wrap gap-3">
            <label className="text-sm">
              Name <input required value={name} onChange={(e) => setName(e.target.value)} className="ml-1 rounded border border-slate-300 px-2 py-1" />
            </label>
            <label className="text-sm">
              Task <input required value={task} onChange={(e) => setTask(e.target.value)} placeholder="e.g. os, or mixed" className="ml-1 rounded border border-slate-300 px-2 py-1" />
            </label>
            <button disabled={busy || fields.length === 0} className="rounded bg-indigo-600 px-3 py-1 text-sm font-medium text-white disabled:opacity-50">
              Import test set
            </button>
          </div>
        </div>
      )}
      {busy && <p className="text-sm text-slate-500">Working…</p>}
      {message && <p className="text-sm text-slate-700" role="status">{message}</p>}
    </form>
  );
}
