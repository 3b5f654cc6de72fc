export type Cell = string | number | boolean | null | undefined;

function show(cell: Cell): string {
  if (cell === null || cell === undefined) return "—";
  if (typeof cell === "number") {
    if (Number.isNaN(cell)) return "—";
    return Number.isInteger(cell) ? String(cell) : cell.toFixed(2);
  }
  return String(cell);
}

/** A plain-text table with right-aligned numbers, readable in any terminal or CI log. */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => headers.map((_, index) => show(row[index])));
  const widths = headers.map((header, index) => Math.max(header.length, ...text.map((row) => row[index]!.length)));
  const numeric = headers.map((_, index) => rows.every((row) => typeof row[index] === "number" || row[index] == null));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => (numeric[index] ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((width) => "-".repeat(width)).join("  "), ...text.map(line)].join("\n");
}

export function printTable(title: string, headers: readonly string[], rows: readonly (readonly Cell[])[]): void {
  console.log(`\n${title}\n${formatTable(headers, rows)}`);
}
