/**
 * Batches with their data loaded ahead of the consumer: while one batch is
 * transformed and written, the next `ahead` batches are already loading, side
 * by side (each load on its own pooled connection). The batches themselves
 * still come one after another (a keyset walk), and are yielded in order.
 * Memory: at most 1 + `ahead` loaded batches.
 */
export async function* loadAhead<TBatch, TLoaded>(
  batches: AsyncGenerator<TBatch>,
  load: (batch: TBatch) => Promise<TLoaded>,
  ahead: number,
): AsyncGenerator<{ batch: TBatch; loaded: TLoaded }> {
  // An async generator queues next() calls, so asking for several batches at once keeps their order.
  const fetchNext = async () => {
    const next = await batches.next();
    return next.done ? null : { batch: next.value, loaded: await load(next.value) };
  };
  const pending: Promise<{ batch: TBatch; loaded: TLoaded } | null>[] = [];
  const refill = () => {
    while (pending.length < Math.max(1, ahead)) {
      const fetched = fetchNext();
      fetched.catch(() => {}); // surfaces when its turn comes; the consumer may also stop before it
      pending.push(fetched);
    }
  };
  try {
    refill();
    for (;;) {
      const current = await pending.shift()!;
      if (!current) return;
      refill();
      yield current;
    }
  } finally {
    // A consumer that stops early (cancel, error) must not leave queries running behind it.
    await Promise.allSettled(pending);
  }
}
