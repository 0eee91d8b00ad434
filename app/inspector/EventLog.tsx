import { useAppStore } from '../store/appStore';
import { formatClock } from '../playback/formatClock';

/** The cluster's Events, newest first, filterable by object. */
export function EventLog() {
  const events = useAppStore((s) => s.snapshot?.events);
  const filter = useAppStore((s) => s.eventFilter);
  const setFilter = useAppStore((s) => s.setEventFilter);
  const select = useAppStore((s) => s.select);
  const rows = (events ?? []).filter((e) => !filter || e.object.includes(filter) || e.message.includes(filter)).reverse();
  return (
    <div className="event-log">
      <input className="filter" placeholder="filter by object, e.g. pod/web-1" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter events" data-testid="events.filter" />
      <table data-testid="events.table">
        <thead>
          <tr>
            <th>TIME</th>
            <th>TYPE</th>
            <th>REASON</th>
            <th>OBJECT</th>
            <th>MESSAGE</th>
          </tr>
        </thead>
        <tbody>
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
  );
}
