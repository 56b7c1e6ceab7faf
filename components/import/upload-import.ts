import type { TImportReport } from "@/lib/import/options";

export type TImportPhase =
  | { phase: "idle" }
  | { phase: "uploading"; sent: number; total: number }
  | { phase: "importing"; bytesRead: number; totalBytes: number; imported: number }
  | { phase: "done"; report: TImportReport }
  | { phase: "failed"; message: string };

/**
 * Sends the file as the raw request body (XHR, because fetch cannot report
 * upload progress) and reads the NDJSON progress lines as they arrive.
 */
export function uploadImport(file: File, params: Record<string, string>, onPhase: (phase: TImportPhase) => void): () => void {
  const query = new URLSearchParams({ fileName: file.name, ...params });
  const xhr = new XMLHttpRequest();
  let consumed = 0;
  let finished = false;

  const readLines = () => {
    const text = xhr.responseText;
    let newline = text.indexOf("\n", consumed);
    while (newline !== -1) {
      const line = text.slice(consumed, newline);
      consumed = newline + 1;
      newline = text.indexOf("\n", consumed);
      if (line.trim()) handleLine(JSON.parse(line));
    }
  };
  const handleLine = (message: { type: string; [key: string]: unknown }) => {
    if (message.type === "progress") {
      const progress = message as unknown as { bytesRead: number; totalBytes: number; imported: number };
      onPhase({ phase: "importing", ...progress });
    } else if (message.type === "report") {
      finished = true;
      onPhase({ phase: "done", report: message.report as TImportReport });
    } else if (message.type === "error") {
      finished = true;
      onPhase({ phase: "failed", message: (message.error as { message: string }).message });
    }
  };

  xhr.open("POST", `/api/v1/imports?${query}`);
  xhr.setRequestHeader("content-type", "application/octet-stream");
  xhr.upload.onprogress = (event) => onPhase({ phase: "uploading", sent: event.loaded, total: event.total || file.size });
  xhr.upload.onload = () => onPhase({ phase: "importing", bytesRead: 0, totalBytes: file.size, imported: 0 });
  xhr.onprogress = readLines;
  xhr.onload = () => {
    if (xhr.status >= 400) {
      const body = safeJson(xhr.responseText) as { error?: { message?: string } } | null;
      onPhase({ phase: "failed", message: body?.error?.message ?? `the server answered ${xhr.status}` });
      return;
    }
    readLines();
    if (!finished) onPhase({ phase: "failed", message: "the server closed the connection before the import finished" });
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
