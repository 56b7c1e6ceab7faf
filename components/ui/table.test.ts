import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, HiddenLabel } from "./table";

const row = createElement("tr", null, createElement("td", null, "cell"));

describe("DataTable", () => {
  it("frames the table, writes the header from the columns and leaves out false ones", () => {
    const html = renderToStaticMarkup(
      createElement(DataTable, {
        label: "Files",
        columns: [{ label: "File" }, { label: "Size", align: "right", title: "in bytes" }, false, { label: createElement(HiddenLabel, null, "Links") }],
        children: row,
      }),
    );
    expect(html).toContain('<div class="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm"><table class="min-w-full text-sm" aria-label="Files">');
    expect(html).toContain('<th class="px-4 py-2 font-medium">File</th>');
    expect(html).toContain('<th title="in bytes" class="px-3 py-2 text-right font-medium">Size</th>');
    expect(html).toContain('<th class="px-3 py-2 font-medium"><span class="sr-only">Links</span></th>');
    expect(html.match(/<th /g)).toHaveLength(3);
    expect(html).toContain('<tbody class="divide-y divide-slate-100"><tr><td>cell</td></tr></tbody>');
    expect(html).not.toContain("<tfoot>");
  });

  it("gives every column the outer padding on a flat frame when asked, and adds a footer", () => {
    const html = renderToStaticMarkup(
      createElement(DataTable, { columns: [{ label: "A" }, { label: "B" }], frame: "flat", cellPadding: "even", footer: row, children: row }),
    );
    expect(html).toContain('<div class="overflow-x-auto rounded-lg border border-slate-200 bg-white"><table class="min-w-full text-sm">');
    expect(html).toContain('<th class="px-4 py-2 font-medium">B</th>');
    expect(html).toContain("<tfoot><tr><td>cell</td></tr></tfoot>");
  });
});
