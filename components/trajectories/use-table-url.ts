"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useOptimistic, useTransition } from "react";
import { parseTrajectoryQuery, toSearchParams, type TTrajectoryQuery, ZTrajectoryQuery } from "@/lib/trajectories/query";

/**
 * The table's state is the URL: read it with the shared schema, change it by
 * navigating. No copy of it lives in React state.
 */
export function useTableUrl() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const parsed = parseTrajectoryQuery(new URLSearchParams(searchParams.toString()));
  const fromUrl: TTrajectoryQuery = parsed.success ? parsed.data : ZTrajectoryQuery.parse({});
  // Controls show the new state at once while the server renders it.
  const [query, setOptimisticQuery] = useOptimistic(fromUrl);

  /** Applies changes; anything but a page move starts again at the first page. */
  function navigate(changes: Partial<TTrajectoryQuery>) {
    const keepsPage = "after" in changes || "before" in changes;
    const next = { ...query, ...(keepsPage ? {} : { after: undefined, before: undefined }), ...changes };
    const search = toSearchParams(next).toString();
    startTransition(() => {
      setOptimisticQuery(next);
      router.push(search ? `${pathname}?${search}` : pathname, { scroll: false });
    });
  }

  return { query, navigate, pending };
}
