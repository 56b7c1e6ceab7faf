import Link from "next/link";
import { methodHref } from "@/lib/docs/method";

/** A reference to docs/method.md (served at /docs/method), instead of a section number a reader cannot follow. */
export function MethodLink({ section, children }: { section: number; children?: React.ReactNode }) {
  return (
    <Link href={methodHref(section)} className="text-indigo-700 underline">
      {children ?? `the method, §${section}`}
    </Link>
  );
}
