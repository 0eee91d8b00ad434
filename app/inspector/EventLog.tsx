import { useTranslation } from 'react-i18next';
import { NARRATION_NAMESPACE } from '../narration/narrationText';
import { StoryList } from '../narration/StoryList';
import { formatClock } from '../playback/formatClock';
import { useAppStore } from '../store/appStore';

/**
 * The cluster's Events, newest first, filterable by object: the real `kubectl get events` columns
 * (Kubernetes' own words, never translated) with the Story beside them — the same moments told in
 * plain sentences in the reader's language (src/narration).
 */
export function EventLog() {
  const { t } = useTranslation(NARRATION_NAMESPACE);
  const events = useAppStore((s) => s.snapshot?.events);
  const filter = useAppStore((s) => s.eventFilter);
  const setFilter = useAppStore((s) => s.setEventFilter);
  const select = useAppStore((s) => s.select);
  const rows = (events ?? []).filter((e) => !filter || e.object.includes(filter) || e.message.includes(filter)).reverse();
  return (
    <div className="event-log">
      <input className="filter" placeholder={t('eventLog.filterPlaceholder')} value={filter} onChange={(e) => setFilter(e.target.value)} aria-label={t('eventLog.filterLabel')} data-testid="events.filter" />
      <div className="event-log-split">
        <div className="event-log-table">
          <table data-testid="events.table">
            <thead>
              <tr>
                <th>{t('eventLog.columns.time')}</th>
                <th>{t('eventLog.columns.type')}</th>
                <th>{t('eventLog.columns.reason')}</th>
                <th>{t('eventLog.columns.object')}</th>
                <th>{t('eventLog.columns.message')}</th>
              </tr>
            </thead>
            {/* The rows are `kubectl get events` output: Kubernetes prints them in English. */}
            <tbody lang="en" translate="no">
              {rows.map((e) => (
                <tr key={e.key} className={e.type === 'Warning' ? 'warning' : ''}>
                  <td>{formatClock(e.lastAt)}</td>
                  <td>{e.type}</td>
                  <td>{e.reason}</td>
                  <td>
                    <button className="link" onClick={() => select(e.involved)}>
                      {e.object}
                    </button>
                  </td>
                  <td>
                    {e.message}
                    {e.count > 1 ? ` (×${e.count})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <StoryList filter={filter} />
      </div>
    </div>
  );
}
