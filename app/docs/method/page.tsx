import type { Metadata } from "next";
import type { ReactNode } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { requirePageActor } from "@/lib/auth/next";
import { methodSectionId, readMethodDoc, sectionOfHeading } from "@/lib/docs/method";

export const metadata: Metadata = { title: "The method" };
export const dynamic = "force-dynamic";

/** Plain text of a heading's children, to find its "§N". */
function textOf(children: ReactNode): string {
  if (typeof children === "string" || typeof children === "number") return String(children);
  if (Array.isArray(children)) return children.map(textOf).join("");
  return "";
}

/** Styled elements; raw HTML in the markdown is not rendered (react-markdown's default), so the page is text and links only. */
const COMPONENTS: Components = {
  h1: ({ children }) => <h1 className="text-2xl font-semibold tracking-tight">{children}</h1>,
  h2: ({ children }) => {
    const section = sectionOfHeading(textOf(children));
    return (
      <h2 id={section === null ? undefined : methodSectionId(section)} className="scroll-mt-20 pt-4 text-lg font-semibold">
        {children}
      </h2>
    );
  },
  p: ({ children }) => <p className="text-sm leading-relaxed text-slate-700">{children}</p>,
  ul: ({ children }) => <ul className="list-disc space-y-1 pl-6 text-sm text-slate-700">{children}</ul>,
  table: ({ children }) => <table className="text-sm">{children}</table>,
  th: ({ children }) => <th className="border-b border-slate-300 px-3 py-1 text-left font-medium">{children}</th>,
  td: ({ children }) => <td className="border-b border-slate-100 px-3 py-1 align-top">{children}</td>,
  code: ({ children }) => <code className="rounded bg-slate-100 px-1 font-mono text-[0.85em]">{children}</code>,
  a: ({ children, href }) => <a href={href} className="text-indigo-700 underline">{children}</a>,
};

/** docs/method.md, the method the app implements, as a page: the in-app references link to its sections. */
export default async function MethodPage() {
  await requirePageActor();
  const markdown = await readMethodDoc();
  return (
    <article className="max-w-3xl space-y-3" data-testid="method-doc">
      <Markdown remarkPlugins={[remarkGfm]} components={COMPONENTS} skipHtml>
        {markdown}
      </Markdown>
    </article>
  );
}
