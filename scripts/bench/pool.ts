/**
 * Calls work(0), work(1), ... work(count - 1) with at most `concurrency` calls in flight, started in index
 * order. After a failure no new call starts; once the calls in flight have settled, rejects with the
 * first failure (so that nothing still runs when the caller goes on to clean up).
 */
export async function inPool(count: number, concurrency: number, work: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async (): Promise<void> => {
    while (failures.length === 0 && next < count) {
      const index = next;
      next += 1;
      try {
        await work(index);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failures.length > 0) throw failures[0];
}
