import { useState } from 'react';
import { useAppStore } from '../store/appStore';

/** `kubectl describe` and the YAML of the selected object, live (read-only). */
export function ObjectInspector() {
  const inspected = useAppStore((s) => s.snapshot?.inspected);
  const selected = useAppStore((s) => s.selected);
  const [view, setView] = useState<'describe' | 'yaml'>('describe');
  if (!selected) return <p className="hint">Click an object in the graph to inspect it; right-click it for actions.</p>;
  return (
    <div className="inspector" data-testid="inspector">
      <div className="inspector-bar">
        <strong>
          {selected.kind} {selected.name}
        </strong>
        <button aria-pressed={view === 'describe'} onClick={() => setView('describe')}>
          describe
        </button>
        <button aria-pressed={view === 'yaml'} onClick={() => setView('yaml')}>
          YAML
        </button>
      </div>
      <pre data-testid={`inspector.${view}`}>{view === 'describe' ? inspected?.describe : inspected?.yaml}</pre>
    </div>
  );
}
