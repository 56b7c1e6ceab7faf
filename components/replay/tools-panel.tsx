import type { TToolDeclaration } from "@/lib/formats/types";

/** The tools the trajectory declares, each with its JSON Schema folded away (schemas run long). */
export function ToolsPanel({ tools }: { tools: TToolDeclaration[] }) {
  if (tools.length === 0) return null;
  return (
    <details className="rounded-lg border border-slate-200 bg-white" data-testid="tools-panel">
      <summary className="cursor-pointer select-none px-4 py-2 text-sm text-slate-600">
        Tools <span className="text-slate-500">({tools.length} declared: {tools.map((tool) => tool.function.name).join(", ")})</span>
      </summary>
      <ul className="space-y-2 border-t border-slate-100 px-4 py-3">
        {tools.map((tool, position) => (
          <li key={`${position}-${tool.function.name}`} data-testid="tool">
            <div className="font-mono text-sm font-semibold text-slate-800">{tool.function.name}</div>
            {tool.function.description && <p className="text-sm text-slate-600">{tool.function.description}</p>}
            {tool.function.parameters && (
              <details className="mt-1 text-xs">
                <summary className="cursor-pointer text-slate-500">Parameters schema</summary>
                <pre className="mt-1 whitespace-pre-wrap break-words rounded bg-slate-50 px-3 py-2 font-mono text-[12px] text-slate-800" data-testid="tool-schema">
                  {JSON.stringify(tool.function.parameters, null, 2)}
                </pre>
              </details>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
