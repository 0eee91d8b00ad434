import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DockTab } from '../store/slices/viewSlice';
import { useAppStore } from '../store/appStore';
import { TerminalPane } from '../terminal/TerminalPane';
import { EventLog } from './EventLog';
import { ObjectInspector } from './ObjectInspector';

const TABS: DockTab[] = ['terminal', 'events', 'inspector'];

/**
 * The bottom dock, full width: Terminal | Events | Inspector. Every panel stays mounted (the
 * terminal keeps its size and scrollback while hidden), only the one in front is visible.
 */
export function Dock() {
  const { t } = useTranslation();
  const tab = useAppStore((s) => s.dockTab);
  const setTab = useAppStore((s) => s.setDockTab);
  const warnings = useAppStore((s) => s.snapshot?.events.filter((e) => e.type === 'Warning').length ?? 0);
  const panel = (id: DockTab, content: ReactNode) => (
    <div className={tab === id ? 'dock-panel active' : 'dock-panel'} role="tabpanel" aria-hidden={tab !== id} data-testid={`dock.panel.${id}`}>
      {content}
    </div>
  );
  return (
    <section className="dock" aria-label={t('dock.label')}>
      <div className="tabs" role="tablist">
        {TABS.map((id) => (
          <button key={id} role="tab" aria-selected={tab === id} className={tab === id ? 'tab active' : 'tab'} onClick={() => setTab(id)} data-testid={`dock.${id}`}>
            {t(`dock.${id}`)}
            {id === 'events' && warnings ? (
              <span className="tab-count" title={t('dock.warnings', { count: warnings })}>
                {` ⚠ ${warnings}`}
              </span>
            ) : null}
          </button>
        ))}
      </div>
      <div className="dock-body">
        {panel('terminal', <TerminalPane />)}
        {panel('events', <EventLog />)}
        {panel('inspector', <ObjectInspector />)}
      </div>
    </section>
  );
}
