/**
 * A small RFC 4180 CSV reader for recipient lists: quoted fields, doubled quotes, commas and line breaks
 * inside quotes, CRLF or LF line ends, a UTF-8 BOM.
 * @module
 */
import { CliError, EXIT_FAILURE } from './errors.js';

/** Rows of a CSV text as arrays of fields; blank lines are dropped. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') endRow();
    else if (c === '\r') {
      if (text[i + 1] !== '\n') endRow();
    } else field += c;
  }
  if (quoted) throw new CliError('the CSV ends inside a quoted field (a " is not closed)', EXIT_FAILURE);
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** A CSV with a header row, as objects keyed by the trimmed header names. */
export function parseCsvRecords(text: string): { columns: string[]; records: Record<string, string>[] } {
  const [header, ...rows] = parseCsvRows(text);
  if (!header) throw new CliError('the CSV is empty: it needs a header row, e.g. "phone,name"', EXIT_FAILURE);
  const columns = header.map((h) => h.trim());
  const records = rows.map((fields, n) => {
    if (fields.length > columns.length) {
      throw new CliError(
        `CSV row ${n + 2} has ${fields.length} fields but the header has ${columns.length}`,
        EXIT_FAILURE,
      );
    }
    return Object.fromEntries(columns.map((c, j) => [c, (fields[j] ?? '').trim()]));
  });
  return { columns, records };
}
