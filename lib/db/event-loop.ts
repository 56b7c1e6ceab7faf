/**
 * Long synchronous work in a process that talks to PostgreSQL (parsing an
 * import's records) keeps the event loop from reading the sockets: a
 * statement's reply waits in the kernel, and the server waits for this
 * process's next statement. A slicer hands the loop back every millisecond or
 * so, and the replies are read as they come.
 * Not for a process reading large results (an export's batch loads): read in
 * smaller pieces, node-postgres spent more CPU joining them than the waits cost
 * (1M export: the writer's waits for loads fell from 25 s to 0.8 s, its main
 * thread's CPU rose by 10 s and the export took longer).
 */

/**
 * Returns `breathe`: await it between units of work. Once `sliceMs` has passed since the last pause it yields to
 * the event loop (setImmediate: after the pending I/O callbacks); otherwise it returns at once.
 */
export function eventLoopSlicer(sliceMs: number): () => Promise<void> | undefined {
  let sliceStarted = performance.now();
  return () => {
    if (performance.now() - sliceStarted <= sliceMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        sliceStarted = performance.now();
        resolve();
      }),
    );
  };
}
