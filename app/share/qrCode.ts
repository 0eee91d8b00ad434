// A share link as a QR code's modules, for the Share dialog's classroom view. Pure (no DOM): the
// component draws the dark runs as SVG rectangles, so Node tests check the matrix here.
import { create, type QRCode } from 'qrcode';

/** Byte-mode capacity of the largest QR code (version 40) at error correction level L. */
export const QR_MAX_BYTES = 2953;

/** One horizontal run of dark modules: row, first column, length. */
export interface DarkRun {
  row: number;
  col: number;
  length: number;
}

/** A QR code ready to draw: its size in modules (without the quiet zone) and its dark runs. */
export interface QrMatrix {
  size: number;
  version: number;
  runs: DarkRun[];
}

/** Why there is no QR code: the link holds more bytes than a QR code can. */
export interface QrTooLong {
  tooLong: { bytes: number; limit: number };
}

/**
 * The QR code of `text` at error correction level L (the lowest: the biggest modules for a given
 * link, which is what a camera at the back of a room needs), as runs of dark modules per row.
 *
 * @example
 * qrMatrix('https://example.org/#v1/abc') // { size: 29, version: 3, runs: [{ row: 0, col: 0, length: 7 }, …] }
 */
export function qrMatrix(text: string): QrMatrix | QrTooLong {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > QR_MAX_BYTES) return { tooLong: { bytes, limit: QR_MAX_BYTES } };
  let code: QRCode;
  try {
    code = create(text, { errorCorrectionLevel: 'L' });
  } catch {
    // Segment overheads can push a link just under the byte limit over the capacity.
    return { tooLong: { bytes, limit: QR_MAX_BYTES } };
  }
  const { size } = code.modules;
  const runs: DarkRun[] = [];
  for (let row = 0; row < size; row++) {
    let start = -1;
    for (let col = 0; col <= size; col++) {
      const dark = col < size && code.modules.get(row, col) === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    }
  }
  return { size, version: code.version, runs };
}
