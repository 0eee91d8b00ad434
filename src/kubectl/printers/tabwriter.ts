/**
 * Column alignment exactly as kubectl does it: a port of Go's `text/tabwriter`
 * (elastic tabstops) in the `github.com/liggitt/tabwriter` variant kubectl
 * vendors, including its `RememberWidths` flag.
 *
 * - `kubectl get` uses `printers.GetNewTabWriter`
 *   (`staging/src/k8s.io/cli-runtime/pkg/printers/tabwriter.go`): min width 6,
 *   padding 3, pad char ' ', RememberWidths.
 * - `kubectl describe` uses `tabbedString` (`kubectl/pkg/describe/describe.go`):
 *   min width 0, padding 2, no flags.
 *
 * Semantics kept from Go: cells are *terminated* by '\t'; the text after the
 * last tab of a line is not part of any column and is never padded (so table
 * lines have no trailing spaces unless a tab-terminated cell is empty); a
 * column is a run of contiguous lines that all have a cell at that position;
 * widths are counted in code points. Left out: HTML filtering, escapes,
 * right alignment, DiscardEmptyColumns and tab padding (kubectl uses none).
 */

/** One cell: its text and whether a tab terminated it (only tab-terminated cells form columns). */
interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

/** Configuration of a tab writer (Go's `Init` parameters that kubectl varies). */
export interface TabWriterOptions {
  /** Minimal cell width including padding. */
  minWidth: number;
  /** Padding added to a cell's text width before computing the column width. */
  padding: number;
  /** liggitt/tabwriter `RememberWidths`: column widths never shrink across flushes. */
  rememberWidths?: boolean;
}

/** Padding kubectl's table printer uses (`GetNewTabWriter`). */
export const TABLE_WRITER: TabWriterOptions = { minWidth: 6, padding: 3, rememberWidths: true };
/** Padding kubectl describe uses (`tabbedString`). */
export const DESCRIBE_WRITER: TabWriterOptions = { minWidth: 0, padding: 2 };

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function parseLines(text: string): Cell[][] {
  return text.split('\n').map((line) => {
    const parts = line.split('\t');
    return parts.map((part, i) => ({ text: part, width: codePoints(part), htab: i < parts.length - 1 }));
  });
}

/**
 * A stateful Go tab writer. `flush(text)` formats one buffer the way Go's
 * `Writer.Flush` does; with `rememberWidths` the column widths of earlier
 * flushes are the floor for later ones.
 */
export class GoTabWriter {
  private widths: number[] = [];
  private maxWidths: number[] = [];
  private out: string[] = [];
  private readonly options: TabWriterOptions;

  constructor(options: TabWriterOptions) {
    this.options = options;
  }

  /** Formats `text` (tab-terminated cells, '\n'-separated lines). A trailing '\n' is kept. */
  flush(text: string): string {
    const lines = parseLines(text);
    this.out = [];
    this.widths = [];
    this.format(lines, 0, lines.length);
    return this.out.join('');
  }

  private writeLines(lines: Cell[][], line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = lines[i] as Cell[];
      line.forEach((cell, j) => {
        this.out.push(cell.text);
        const width = this.widths[j];
        if (width !== undefined) this.out.push(' '.repeat(Math.max(0, width - cell.width)));
      });
      // The last buffered line has no newline of its own (Go writes the pending cell instead).
      if (i + 1 < lines.length) this.out.push('\n');
    }
  }

  // A direct port of Go's recursive `format`: find a block of lines sharing a column,
  // fix that column's width, format the columns to its right, then move on.
  private format(lines: Cell[][], line0: number, line1: number): void {
    const column = this.widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= (lines[current] as Cell[]).length - 1) continue;
      this.writeLines(lines, line0, current);
      line0 = current;
      let width = this.options.minWidth;
      for (; current < line1; current++) {
        const line = lines[current] as Cell[];
        if (column >= line.length - 1) break;
        const w = (line[column] as Cell).width + this.options.padding;
        if (w > width) width = w;
      }
      if (this.options.rememberWidths) width = this.remember(width);
      this.widths.push(width);
      this.format(lines, line0, current);
      this.widths.pop();
      line0 = current;
    }
    this.writeLines(lines, line0, line1);
  }

  private remember(width: number): number {
    const index = this.widths.length;
    if (this.maxWidths.length < index) this.maxWidths.push(...this.widths.slice(this.maxWidths.length));
    const known = this.maxWidths[index];
    if (known === undefined) this.maxWidths.push(width);
    else if (known > width) return known;
    else if (known < width) this.maxWidths[index] = width;
    return width;
  }
}

/** Aligns tab-separated text once (one Go `Flush`). */
export function alignTabbed(text: string, options: TabWriterOptions): string {
  return new GoTabWriter(options).flush(text);
}

function rowsToText(rows: string[][]): string {
  return rows.map((row) => row.join('\t')).join('\n');
}

/**
 * kubectl's table layout: padding 3, minimum column width 6, cells
 * left-aligned, the last column unpadded. `rows[0]` is the header (if any);
 * the lines are joined with '\n' and carry no trailing newline.
 */
export function formatTable(rows: string[][]): string {
  return alignTabbed(rowsToText(rows), TABLE_WRITER);
}

/**
 * The writer behind `kubectl get -w` (R17.3): every `format` call is one flush
 * of the same liggitt/tabwriter with RememberWidths, so column widths grow when
 * a wider cell appears and never shrink afterwards. The first call usually
 * carries the header and the first row (kubectl prints them together); each
 * later watch event is a call with one row. Returns the lines of this flush
 * joined with '\n' (no trailing newline).
 */
export class WatchTabWriter {
  private readonly writer = new GoTabWriter(TABLE_WRITER);

  /** Formats the rows of one flush. */
  format(rows: string[][]): string {
    if (rows.length === 0) return '';
    return this.writer.flush(rowsToText(rows));
  }
}
