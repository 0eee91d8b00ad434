import { useTranslation } from 'react-i18next';
import { formatClock } from '../playback/formatClock';
import { NARRATION_NAMESPACE } from './narrationText';
import { useNarration } from './useNarration';
import './narration.css';

/** How much of the story the strip shows: nothing but the live region (normal: the Story column of the event log tells it), one line (embed) or the last two, large (presenter). */
export type NarrationStripVariant = 'normal' | 'presenter' | 'embed';

/**
 * The latest narration line(s) in plain words, over the graph ("web-1 waits: web-0 is not Ready
 * yet"), and the page's polite live region that reads each new line to screen readers once.
 */
export function NarrationStrip({ variant }: { variant: NarrationStripVariant }) {
  const { t } = useTranslation(NARRATION_NAMESPACE);
  const { lines, say } = useNarration();
  const shown = lines.slice(variant === 'presenter' ? -2 : -1).reverse();
  const newest = lines[lines.length - 1];
  // Changes only when a new line arrives, so nothing is read twice.
  const live = (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="narration.live">
      {newest ? say(newest) : ''}
    </div>
  );
  if (variant === 'normal') return live;
  return (
    <section className={`narration-strip narration-${variant}`} aria-label={t('story.title')} data-testid="narration.strip">
      {shown.length ? (
        shown.map((line, i) => (
          <p key={line.id} className={i === 0 ? 'narration-line newest' : 'narration-line'} data-testid={i === 0 ? 'narration.latest' : 'narration.previous'}>
            <span className="narration-time">{formatClock(line.at)}</span> {say(line)}
          </p>
        ))
      ) : (
        <p className="narration-line empty">{t('story.empty')}</p>
      )}
      {live}
    </section>
  );
}
