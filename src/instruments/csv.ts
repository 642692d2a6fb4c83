/**
 * Delimited text (CSV or tab-separated, as copied from a broker statement or a sheet) into a 2-D array
 * of cells for the table parsers. Quoted fields may hold delimiters, quotes ("") and line breaks.
 * The delimiter is a tab if the first line has one, else a semicolon if it has more semicolons than
 * commas, else a comma. Empty fields become null; other fields stay text (the table parsers read
 * numeric text and ISO dates).
 */
export function detectDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  if (first.includes("\t")) return "\t";
  const count = (c: string) => first.split(c).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

export function parseDelimited(text: string, delimiter: string = detectDelimiter(text)): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  const endField = () => {
    const v = wasQuoted ? field : field.trim();
    row.push(v === "" && !wasQuoted ? null : v);
    field = "";
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field.trim() === "") {
      quoted = true;
      wasQuoted = true;
      field = "";
    } else if (ch === delimiter) {
      endField();
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endField();
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== "" || wasQuoted || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c !== null));
}
