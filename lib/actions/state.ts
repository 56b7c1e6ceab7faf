/**
 * What every server action answers to its form: an error to show, or what
 * succeeded (`T`: a message, a link, a new token...). Types only, so client
 * components import it freely.
 */
export type TActionState<T extends object = { message: string }> = { error: string | null } & Partial<T>;

/** A server action as a form (through React's useActionState) calls it. */
export type TFormAction<T extends object = { message: string }> = (state: TActionState<T>, form: FormData) => Promise<TActionState<T>>;
