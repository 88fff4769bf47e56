// Aligned plain-text columns for the CLI's table formats: the widths fit the widest cell of each column
// (header included), numbers align right, and lines carry no trailing spaces.

export interface TextColumn {
  readonly header: string;
  readonly align: "left" | "right";
}

const COLUMN_GAP = "  ";

export interface LaidOutTable {
  readonly header: string;
  /** A dashed line as wide as the table. */
  readonly rule: string;
  readonly body: readonly string[];
  readonly footer: readonly string[];
}

/** Lays out `body` and `footer` rows (cells per column) under the columns' headers. */
export function layOutTable(
  columns: readonly TextColumn[],
  body: readonly (readonly string[])[],
  footer: readonly (readonly string[])[] = [],
): LaidOutTable {
  const headers = columns.map((column) => column.header);
  const widths = columns.map((_, index) =>
    Math.max(...[headers, ...body, ...footer].map((cells) => (cells[index] ?? "").length)),
  );
  const row = (cells: readonly string[]) =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? "";
        const width = widths[index] ?? cell.length;
        return column.align === "right" ? cell.padStart(width) : cell.padEnd(width);
      })
      .join(COLUMN_GAP)
      // Trailing spaces (a left-aligned or empty last cell) only get in the way of diffs and copy-paste.
      .trimEnd();
  return {
    header: row(headers),
    rule: "-".repeat(widths.reduce((sum, width) => sum + width, 0) + COLUMN_GAP.length * (widths.length - 1)),
    body: body.map(row),
    footer: footer.map(row),
  };
}
