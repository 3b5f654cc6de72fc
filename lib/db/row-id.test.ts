import { describe, expect, it } from "vitest";

import { newRowId } from "./row-id";

describe("ids for rows written as SQL", () => {
  it("look like Prisma's cuid(): 25 lower-case letters and digits starting with c", () => {
    expect(newRowId()).toMatch(/^c[0-9a-z]{24}$/);
  });

  it("are unique, and sort in the order they were made", () => {
    const ids = Array.from({ length: 10_000 }, () => newRowId());
    expect(new Set(ids).size).toBe(ids.length);
    // The counter wraps once in 36^4 ids; a run this short crosses the wrap at most once.
    const outOfOrder = ids.slice(1).filter((id, index) => id <= ids[index]!).length;
    expect(outOfOrder).toBeLessThanOrEqual(1);
  });
});
