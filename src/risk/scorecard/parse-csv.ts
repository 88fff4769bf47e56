// Reads comma-separated text (RFC 4180: quoted fields, "" inside quotes, LF or CRLF line ends) into a header and
// rows of cells, as R's write.csv produces it for credit_data. Pure: text in, rows out — reading the file is the
// caller's business. An unquoted NA is R's missing value and comes out as undefined; a quoted "NA" stays text.
// Malformed text is a broken data file, not user input, so it throws a plain Error naming the line.

export interface CsvTable {
  readonly header: readonly string[];
  /** One array per data line, each as long as the header. */
  readonly rows: readonly (readonly (string | undefined)[])[];
}

export function parseCsv(text: string): CsvTable {
  const lines = splitRecords(text);
  const first = lines[0];
  if (first === undefined) throw new Error("CSV: the text is empty; expected a header line");
  const header = first.cells.map((cell) => {
    if (cell === undefined) throw new Error(`CSV line ${first.line}: a header cell is NA`);
    return cell;
  });
  const rows = lines.slice(1).map((record) => {
    if (record.cells.length !== header.length) {
      throw new Error(
        `CSV line ${record.line}: ${record.cells.length} cells, but the header has ${header.length}`,
      );
    }
    return record.cells;
  });
  return { header, rows };
}

interface CsvRecord {
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly cells: (string | undefined)[];
}

function splitRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: (string | undefined)[] = [];
  let cell = "";
  let quoted = false; // the current cell was written in quotes
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let recordHasContent = false;
  const endCell = (): void => {
    cells.push(!quoted && cell === "NA" ? undefined : cell);
    cell = "";
    quoted = false;
  };
  const endRecord = (): void => {
    if (recordHasContent || cells.length > 0) {
      endCell();
      records.push({ line: recordLine, cells });
    }
    cells = [];
    recordHasContent = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (cell !== "" || quoted) throw new Error(`CSV line ${line}: a quote inside an unquoted cell`);
      inQuotes = true;
      quoted = true;
      recordHasContent = true;
    } else if (ch === ",") {
      recordHasContent = true;
      endCell();
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (quoted) throw new Error(`CSV line ${line}: text after a closing quote`);
      cell += ch;
      recordHasContent = true;
    }
  }
  if (inQuotes) throw new Error(`CSV line ${recordLine}: a quoted cell is not closed`);
  endRecord();
  return records;
}
