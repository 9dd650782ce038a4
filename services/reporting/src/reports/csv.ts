/** Makes spreadsheet programs read the file as UTF-8, so accents (Educación, Éducation) survive. */
export const UTF8_BOM = '\uFEFF';

export type CsvValue = string | number | null;

/** One field as RFC 4180 writes it: quoted when it holds a quote, a comma, a line break or edge spaces. */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: BOM, header, rows, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return UTF8_BOM + [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

export interface CsvTable {
  header: readonly string[];
  rows: readonly (readonly CsvValue[])[];
}

/** Several tables in one CSV document, one BOM, each table after an empty line and with its own header. */
export function toCsvTables(tables: readonly CsvTable[]): string {
  return UTF8_BOM + tables.map(({ header, rows }) => toCsv(header, rows).slice(UTF8_BOM.length)).join('\r\n');
}
