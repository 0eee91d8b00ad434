import { describe, expect, it } from 'vitest';
import { QR_MAX_BYTES, qrMatrix } from './qrCode';

/** The dark modules of a matrix as "row,col" strings. */
function darkCells(runs: { row: number; col: number; length: number }[]): Set<string> {
  const cells = new Set<string>();
  for (const run of runs) for (let c = run.col; c < run.col + run.length; c++) cells.add(`${run.row},${c}`);
  return cells;
}

describe('qrMatrix', () => {
  it('draws the three finder patterns of a QR code in its corners', () => {
    const qr = qrMatrix('http://127.0.0.1:4173/#v1/N4IgLgTg');
    if ('tooLong' in qr) throw new Error('unexpected');
    const dark = darkCells(qr.runs);
    // A finder pattern: a dark 7×7 ring around a light ring around a dark 3×3 centre.
    for (const [top, left] of [[0, 0], [0, qr.size - 7], [qr.size - 7, 0]] as const) {
      expect(dark.has(`${top},${left}`)).toBe(true);
      expect(dark.has(`${top + 6},${left + 6}`)).toBe(true);
      expect(dark.has(`${top + 1},${left + 1}`)).toBe(false);
      expect(dark.has(`${top + 3},${left + 3}`)).toBe(true);
    }
  });

  it('merges neighbouring dark modules of a row into one run', () => {
    const qr = qrMatrix('hello');
    if ('tooLong' in qr) throw new Error('unexpected');
    // the top row starts with the finder pattern's 7 dark modules
    expect(qr.runs[0]).toEqual({ row: 0, col: 0, length: 7 });
    for (const run of qr.runs) expect(run.col + run.length).toBeLessThanOrEqual(qr.size);
  });

  it('grows with the link and says when a link is too long for any QR code', () => {
    const short = qrMatrix(`https://x.org/#v1/${'A'.repeat(100)}`);
    const long = qrMatrix(`https://x.org/#v1/${'A'.repeat(2000)}`);
    if ('tooLong' in short || 'tooLong' in long) throw new Error('unexpected');
    expect(long.size).toBeGreaterThan(short.size);
    expect(qrMatrix('x'.repeat(QR_MAX_BYTES + 1))).toEqual({ tooLong: { bytes: QR_MAX_BYTES + 1, limit: QR_MAX_BYTES } });
    expect('tooLong' in qrMatrix('é'.repeat(1500))).toBe(true); // 3000 bytes in UTF-8
  });
});
