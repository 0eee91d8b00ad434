import { useAppStore } from '../store/appStore';
import { EventLog } from './EventLog';
import { ObjectInspector } from './ObjectInspector';

/** The right half of the bottom dock: events or the inspector. */
export function Dock() {
  const tab = useAppStore((s) => s.dockTab);
  const setTab = useAppStore((s) => s.setDockTab);
  return (
    <section className="dock-side">
      <div className="tabs" role="tablist">
        <button role="tab" aria-selected={tab === 'events'} className={tab === 'events' ? 'tab active' : 'tab'} onClick={() => setTab('events')} data-testid="dock.events">
          Events
        </button>
        <button role="tab" aria-selected={tab === 'inspector'} className={tab === 'inspector' ? 'tab active' : 'tab'} onClick={() => setTab('inspector')} data-testid="dock.inspector">
          Inspector
        </button>
      </div>
      <div className="dock-body">{tab === 'events' ? <EventLog /> : <ObjectInspector />}</div>
    </section>
  );
}
