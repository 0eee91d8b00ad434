// The share link as a QR code for a classroom screen: an SVG of dark runs (React <rect>s, never an
// HTML string), as large as the screen allows so that phones at the back of the room can scan it.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { qrMatrix } from './qrCode';

/** The quiet zone around a QR code, in modules (the standard asks for 4). */
const QUIET = 4;

/**
 * The QR code of `link`, or a plain sentence when the link is too long for one.
 * Dense codes (version 20 and up) get a hint to move closer or share the link another way.
 */
export function QrCodeView({ link }: { link: string }) {
  const { t } = useTranslation('share');
  const qr = useMemo(() => qrMatrix(link), [link]);
  if ('tooLong' in qr) {
    return (
      <p className="share-qr-too-long" role="status" data-testid="share.qr.too-long">
        {t('qr.tooLong', { bytes: qr.tooLong.bytes, limit: qr.tooLong.limit })}
      </p>
    );
  }
  const side = qr.size + 2 * QUIET;
  return (
    <figure className="share-qr" data-testid="share.qr" data-version={qr.version} data-modules={qr.size}>
      <svg viewBox={`0 0 ${side} ${side}`} role="img" aria-label={t('qr.label')} shapeRendering="crispEdges" data-testid="share.qr.svg">
        <rect width={side} height={side} fill="#fff" />
        {qr.runs.map((run) => (
          <rect key={`${run.row}.${run.col}`} x={run.col + QUIET} y={run.row + QUIET} width={run.length} height={1} fill="#000" />
        ))}
      </svg>
      <figcaption>{qr.version >= 20 ? t('qr.dense') : t('qr.caption')}</figcaption>
    </figure>
  );
}
