"use client";

import { type ReactNode, useActionState } from "react";
import type { TFormAction } from "@/lib/actions/state";

type TProps = {
  action: TFormAction;
  children: ReactNode;
  className?: string;
  /** Asked in a confirm dialog before the form is sent. */
  confirm?: string;
  "aria-label"?: string;
};

/**
 * A form whose server action (passed down by the page) answers with a state:
 * an error shows under it; success re-renders the page (the action revalidates it).
 */
export function ActionForm({ action, children, className, confirm, ...rest }: TProps) {
  const [state, formAction, pending] = useActionState(action, { error: null });
  return (
    <form
      action={formAction}
      className={className}
      aria-label={rest["aria-label"]}
      aria-busy={pending}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      {children}
      {state.error && <span role="alert" className="ml-2 text-xs text-rose-700">{state.error}</span>}
    </form>
  );
}
