import { describe, expect, it, vi } from "vitest";

import { groupCommit } from "./group-commit";

describe("group commit", () => {
  it("writes the first item at once and the items that arrive meanwhile together", async () => {
    const groups: number[][] = [];
    const write = groupCommit(
      async (items: number[]) => {
        groups.push(items);
        await new Promise((resolve) => setTimeout(resolve, 10));
        return items.map((item) => item * 2);
      },
      { maxGroupSize: 10 },
    );
    const results = await Promise.all([1, 2, 3, 4].map(write));
    expect(results).toEqual([2, 4, 6, 8]);
    expect(groups).toEqual([[1], [2, 3, 4]]);
  });

  it("never puts more than the group size in one write", async () => {
    const sizes: number[] = [];
    const write = groupCommit(
      async (items: number[]) => {
        sizes.push(items.length);
        await Promise.resolve();
        return items;
      },
      { maxGroupSize: 3 },
    );
    await Promise.all(Array.from({ length: 8 }, (_, index) => write(index)));
    expect(Math.max(...sizes)).toBe(3);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(8);
  });

  it("lets a group gather for the linger time before writing it", async () => {
    const groups: number[][] = [];
    const write = groupCommit(
      async (items: number[]) => {
        groups.push(items);
        return items;
      },
      { maxGroupSize: 10, lingerMs: 20 },
    );
    // The linger is a timer: a clock of the test's own moves it, so a busy machine cannot stretch 5 ms past 20.
    vi.useFakeTimers();
    try {
      const first = write(1);
      await vi.advanceTimersByTimeAsync(5);
      expect(groups).toEqual([]);
      const more = [write(2), write(3)];
      await vi.advanceTimersByTimeAsync(15);
      await Promise.all([first, ...more]);
    } finally {
      vi.useRealTimers();
    }
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it("retries a failed group one item at a time, so only the bad item fails", async () => {
    const write = groupCommit(
      async (items: string[]) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (items.includes("bad")) throw new Error("constraint failed");
        return items.map((item) => `${item} stored`);
      },
      { maxGroupSize: 10 },
    );
    const outcomes = await Promise.allSettled(["first", "good", "bad", "other"].map(write));
    expect(outcomes).toEqual([
      { status: "fulfilled", value: "first stored" },
      { status: "fulfilled", value: "good stored" },
      { status: "rejected", reason: new Error("constraint failed") },
      { status: "fulfilled", value: "other stored" },
    ]);
  });
});
