import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObjectRef } from '../../src/protocol/messages';
import { useAppStore } from '../store/appStore';

/** `kubectl describe pod web-0`, `kubectl get pod web-0 -o yaml` (with `-n` outside default). */
function kubectlLine(verb: 'describe' | 'get', ref: ObjectRef): string {
  const ns = ref.namespace && ref.namespace !== 'default' ? ` -n ${ref.namespace}` : '';
  return `kubectl ${verb} ${ref.kind.toLowerCase()} ${ref.name}${ns}${verb === 'get' ? ' -o yaml' : ''}`;
}

/** `kubectl describe` and the YAML of the selected object, live (read-only). */
export function ObjectInspector() {
  const { t } = useTranslation();
  const inspected = useAppStore((s) => s.snapshot?.inspected);
  const selected = useAppStore((s) => s.selected);
  const [view, setView] = useState<'describe' | 'yaml'>('describe');
  if (!selected) return <p className="hint">{t('inspector.hint')}</p>;
  return (
    <div className="inspector" data-testid="inspector">
      <div className="inspector-bar">
        <strong translate="no">
          {selected.kind} {selected.name}
        </strong>
        {/* The views are named as kubectl names them (describe, -o yaml); the titles explain. */}
        <button aria-pressed={view === 'describe'} onClick={() => setView('describe')} title={t('inspector.describeTitle', { command: kubectlLine('describe', selected) })} translate="no">
          describe
        </button>
        <button aria-pressed={view === 'yaml'} onClick={() => setView('yaml')} title={t('inspector.yamlTitle', { command: kubectlLine('get', selected) })} translate="no">
          YAML
        </button>
      </div>
      <pre data-testid={`inspector.${view}`} lang="en" translate="no">{view === 'describe' ? inspected?.describe : inspected?.yaml}</pre>
    </div>
  );
}
