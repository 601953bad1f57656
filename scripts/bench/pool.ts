/**
 * Calls work(0), work(1), ... work(count - 1) with at most `concurrency` calls in flight, started in index
 * order. Rejects with the first failure (calls already in flight still finish; no new ones start).
 */
export async function inPool(count: number, concurrency: number, work: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < count) {
      const index = next;
      next += 1;
      try {
        await work(index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
