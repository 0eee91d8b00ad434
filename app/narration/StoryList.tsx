import { useTranslation } from 'react-i18next';
import type { NarrationLine } from '../../src/narration/narrationLine';
import { formatClock } from '../playback/formatClock';
import { useAppStore } from '../store/appStore';
import { NARRATION_NAMESPACE } from './narrationText';
import { useNarration } from './useNarration';
import './narration.css';

/** The event log's "Story" column: every narration line, newest first, beside `kubectl get events`. */
export function StoryList({ filter }: { filter: string }) {
  const { t } = useTranslation(NARRATION_NAMESPACE);
  const { lines, say } = useNarration();
  const select = useAppStore((s) => s.select);
  const matches = (line: NarrationLine, text: string) => !filter || text.includes(filter) || `${line.object.kind.toLowerCase()}/${line.object.name}`.includes(filter);
  const rows = lines
    .map((line) => ({ line, text: say(line) }))
    .filter(({ line, text }) => matches(line, text))
    .reverse();
  return (
    <section className="story" aria-label={t('story.title')} data-testid="events.story">
      <h3 className="story-title">{t('story.title')}</h3>
      {rows.length ? (
        <ol className="story-lines">
          {rows.map(({ line, text }) => (
            <li key={line.id} data-testid="events.story.line">
              <span className="narration-time">{formatClock(line.at)}</span>{' '}
              <button className="link story-text" onClick={() => select(line.object)}>
                {text}
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p className="story-empty">{t('story.empty')}</p>
      )}
    </section>
  );
}
