import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type ExcelJS from 'exceljs';

/** One column of an exported table: its Chinese header, width (characters) and Excel number format. */
export interface ExportColumn {
  header: string;
  width?: number;
  numFmt?: string;
}

export type ExportValue = string | number | null;

/** Number formats of exported figures. */
export const NUMBER_FORMAT = {
  count: '#,##0',
  amount: '#,##0.00',
  rate: '0.00',
} as const;

/**
 * A streamed table export: XLSX through exceljs's streaming WorkbookWriter (one sheet after the
 * other, each row written out as it is added), or CSV. Both wait for the response to drain
 * between batches, so a national export never sits in memory whole.
 */
export interface TableWriter {
  /** Starts a sheet (XLSX: a new worksheet with a frozen header row; CSV: only the first call is allowed). */
  sheet(name: string, columns: ExportColumn[]): Promise<void>;
  /** Adds a row; `formats` overrides the columns' number formats cell by cell (XLSX). */
  row(values: ExportValue[], formats?: (string | undefined)[]): void;
  /** Waits until the response has taken what was written (call between batches). */
  drain(): Promise<void>;
  end(): Promise<void>;
}

async function drainOf(out: Writable): Promise<void> {
  if (out.writableNeedDrain) await once(out, 'drain');
}

/** Excel's limits on sheet names: 31 characters, none of []:*?/\, unique in the workbook. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '·').slice(0, 31) || '表';
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(candidate);
  return candidate;
}

class XlsxWriter implements TableWriter {
  private readonly book: ExcelJS.stream.xlsx.WorkbookWriter;
  private current: ExcelJS.Worksheet | null = null;
  private readonly names = new Set<string>();
  private formats: (string | undefined)[] = [];

  constructor(private readonly out: Writable) {
    // exceljs is loaded on the first export: about 18 MB that processes serving no export never need.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const excel = require('exceljs') as typeof ExcelJS;
    this.book = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  }

  async sheet(name: string, columns: ExportColumn[]): Promise<void> {
    this.current?.commit();
    const ws = this.book.addWorksheet(sheetName(name, this.names), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 14 }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    this.formats = columns.map((c) => c.numFmt);
    this.current = ws;
    await drainOf(this.out);
  }

  row(values: ExportValue[], formats?: (string | undefined)[]): void {
    const row = this.current!.addRow(values);
    values.forEach((v, i) => {
      const fmt = formats?.[i] ?? this.formats[i];
      if (fmt && typeof v === 'number') row.getCell(i + 1).numFmt = fmt;
    });
    row.commit();
  }

  drain(): Promise<void> {
    return drainOf(this.out);
  }

  async end(): Promise<void> {
    this.current?.commit();
    await this.book.commit();
  }
}

const csvField = (v: ExportValue): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

class CsvWriter implements TableWriter {
  private started = false;

  constructor(private readonly out: Writable) {}

  async sheet(_name: string, columns: ExportColumn[]): Promise<void> {
    if (this.started) throw new Error('a CSV export has one table');
    this.started = true;
    // The byte order mark makes Excel read the file as UTF-8 (Chinese headers and names).
    this.out.write('\uFEFF' + columns.map((c) => csvField(c.header)).join(',') + '\r\n');
    await drainOf(this.out);
  }

  row(values: ExportValue[]): void {
    this.out.write(values.map(csvField).join(',') + '\r\n');
  }

  drain(): Promise<void> {
    return drainOf(this.out);
  }

  async end(): Promise<void> {
    await new Promise<void>((resolve) => this.out.end(resolve));
  }
}

export type ExportFormat = 'xlsx' | 'csv';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** A table writer of the format onto the response stream. */
export function tableWriter(format: ExportFormat, out: Writable): TableWriter {
  return format === 'xlsx' ? new XlsxWriter(out) : new CsvWriter(out);
}
