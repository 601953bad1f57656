import { totalAlongside } from "../../src/services/totalAlongside";

// A page's total, started with the page when the caller will ask for it, else read only when asked.

describe("totalAlongside", () => {
  it("reads nothing until asked when the total is not wanted, then reads it each time it is asked", async () => {
    let reads = 0;
    const total = totalAlongside(async () => ++reads, false);
    expect(reads).toBe(0);
    expect(await total()).toBe(1);
    expect(await total()).toBe(2);
  });

  it("starts the read at once when the total is wanted, and answers every ask from that one read", async () => {
    let reads = 0;
    const total = totalAlongside(async () => ++reads, true);
    expect(reads).toBe(1);
    expect(await total()).toBe(1);
    expect(await total()).toBe(1);
    expect(reads).toBe(1);
  });

  it("leaves no unhandled rejection when a wanted total fails and is never asked for, and reports the failure to whoever asks", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const failure = new Error("count failed");
      const never = totalAlongside(() => Promise.reject(failure), true);
      const asked = totalAlongside(() => Promise.reject(failure), true);
      // Node reports unhandled rejections after the microtask queue drains: give it a turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      await expect(asked()).rejects.toBe(failure);
      expect(unhandled).toEqual([]);
      expect(never).toBeInstanceOf(Function);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
