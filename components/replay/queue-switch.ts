"use client";

/**
 * Keys typed while the review queue switches to its next item (or while
 * "Start reviewing" opens the first) are kept here, not lost: the replay that
 * opens next applies them in order (ReplayKeyboard). A switch that fails hands
 * them back to its caller, which says they were not applied.
 *
 * Module state on purpose: it outlives the page that started the switch, and
 * a client-side navigation keeps the same JavaScript context.
 */

/** The replay's single-key shortcuts that a switch holds back; anything else goes through. */
const HELD = /^(?:[ajknrzcepu?[\]1-7]|ArrowDown|ArrowUp)$/;
/** A switch that has not landed after this long gives the keyboard back. */
const SWITCH_TIMEOUT_MS = 15_000;

type TState = { switching: boolean; keys: readonly string[] };

let state: TState = { switching: false, keys: [] };
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

function set(next: TState) {
  state = next;
  for (const listener of listeners) listener();
}

function hold(event: KeyboardEvent) {
  const target = event.target as HTMLElement | null;
  if (event.metaKey || event.ctrlKey || event.altKey || target?.closest("input, textarea, select, [contenteditable]")) return;
  if (!HELD.test(event.key)) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  set({ ...state, keys: [...state.keys, event.key] });
}

/** Starts holding the replay's keys: from now on they wait for the next item. */
export function beginSwitch(): void {
  if (state.switching) return;
  window.addEventListener("keydown", hold, { capture: true });
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => endSwitch(), SWITCH_TIMEOUT_MS);
  set({ switching: true, keys: [] });
}

/** Stops holding keys; returns those typed during the switch, in order. */
export function endSwitch(): string[] {
  const keys = [...state.keys];
  window.removeEventListener("keydown", hold, { capture: true });
  if (timer) clearTimeout(timer);
  timer = null;
  if (state.switching || keys.length > 0) set({ switching: false, keys: [] });
  return keys;
}

export function subscribeSwitch(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const switchSnapshot = (): TState => state;
const IDLE: TState = { switching: false, keys: [] };
export const serverSwitchSnapshot = (): TState => IDLE;

/** "2 keys (a, r)" for messages. */
export function describeKeys(keys: readonly string[]): string {
  return `${keys.length} key${keys.length === 1 ? "" : "s"} (${keys.join(", ")})`;
}

/** Puts keys (not yet applied) at the front of the running switch's held keys. */
export function holdKeys(keys: readonly string[]): void {
  if (!state.switching) return;
  set({ ...state, keys: [...keys, ...state.keys] });
}
