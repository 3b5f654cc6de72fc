/**
 * Writes items in groups: while one write is under way, the items that arrive wait and go together in
 * the next one. Under light load every item is written alone and at once; when writing is the slow part,
 * groups grow and the cost of a commit is shared. If a group's write fails, its items are retried one by
 * one, so one bad item never takes the others down with it. `lingerMs` lets a group gather for that long
 * before it is written, for work where a few milliseconds matter less than fewer commits.
 */
export function groupCommit<Item, Result>(
  write: (items: Item[]) => Promise<Result[]>,
  options: { maxGroupSize: number; lingerMs?: number },
): (item: Item) => Promise<Result> {
  const { maxGroupSize, lingerMs = 0 } = options;
  type Waiting = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void };
  let waiting: Waiting[] = [];
  let writing = false;

  async function writeGroup(group: Waiting[]): Promise<void> {
    try {
      const results = await write(group.map((entry) => entry.item));
      group.forEach((entry, index) => entry.resolve(results[index]!));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      for (const entry of group) await writeGroup([entry]);
    }
  }

  async function drain(): Promise<void> {
    writing = true;
    try {
      if (lingerMs > 0) await new Promise((resolve) => setTimeout(resolve, lingerMs));
      while (waiting.length > 0) {
        const group = waiting.slice(0, maxGroupSize);
        waiting = waiting.slice(maxGroupSize);
        await writeGroup(group);
      }
    } finally {
      writing = false;
    }
  }

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!writing) void drain();
    });
}
