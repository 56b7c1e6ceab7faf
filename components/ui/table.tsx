import type { ReactNode } from "react";

/** One header cell; `false` leaves a column out (e.g. actions a role does not have). */
export type TColumn = { label: ReactNode; align?: "left" | "right"; title?: string } | false;

const FRAMES = {
  /** The card the export, diff and thresholds tables sit in. */
  raised: "overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm",
  flat: "overflow-x-auto rounded-lg border border-slate-200 bg-white",
};

/**
 * The table chrome every listing shares: a framed, scrollable table, a header
 * row from `columns` and a divided body. Rows and a footer are the caller's.
 * `cellPadding`: "even" gives every column the outer padding (the datasets table).
 */
export function DataTable({
  label,
  columns,
  children,
  footer,
  frame = "raised",
  cellPadding = "edge",
}: {
  label?: string;
  columns: TColumn[];
  children: ReactNode;
  footer?: ReactNode;
  frame?: keyof typeof FRAMES;
  cellPadding?: "edge" | "even";
}) {
  const shown = columns.filter((column) => column !== false);
  return (
    <div className={FRAMES[frame]}>
      <table className="min-w-full text-sm" aria-label={label}>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {shown.map((column, index) => (
              <th
                key={index}
                title={column.title}
                className={`${index === 0 || cellPadding === "even" ? "px-4" : "px-3"} py-2 ${column.align === "right" ? "text-right " : ""}font-medium`}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
        {footer && <tfoot>{footer}</tfoot>}
      </table>
    </div>
  );
}

/** A header that screen readers read but the eye does not need (a column of buttons or links). */
export function HiddenLabel({ children }: { children: ReactNode }) {
  return <span className="sr-only">{children}</span>;
}
