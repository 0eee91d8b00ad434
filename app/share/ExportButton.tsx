// The top bar's Export button: the workspace for a real cluster (kind, minikube, k3s).
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { JournalEntry } from '../../src/protocol/messages';
import { exportScenario } from '../../src/scenarios/exportScenario';
import { parseScenario } from '../../src/scenarios/parseScenario';
import { appStore } from '../store/appStore';
import { shareSource } from './shareSource';
import './dialog.css';
import './export.css';

interface Download {
  name: string;
  url: string;
}

/**
 * "Export": the workspace's YAML files and `replay.sh` (the script's kubectl commands, sim verbs
 * as comments) for a real cluster, each offered as a download (Blob URLs, revoked on Close).
 */
export function ExportButton() {
  const { t } = useTranslation('share');
  const [downloads, setDownloads] = useState<Download[] | undefined>(undefined);
  const [status, setStatus] = useState('');

  async function open() {
    const source = shareSource();
    if (!source) return;
    const state = appStore().getState();
    const wasPlaying = state.snapshot?.playing ?? false;
    // Pausing records the time played so far in the journal (`sim advance …`), which becomes a `sleep`.
    if (wasPlaying) await source.simulation.request({ type: 'pause' }).catch(() => undefined);
    const journal: JournalEntry[] = [...source.simulation.journal()];
    if (wasPlaying) void source.simulation.request({ type: 'play' }).catch(() => undefined);
    const { scenario } = parseScenario(source.scenarioText);
    if (!scenario) {
      setStatus(t('export.cannotExport'));
      setDownloads([]);
      return;
    }
    // The editor's files as they are now: edits not yet applied are exported too.
    const replayed: Record<string, string> = { ...scenario.files };
    for (const entry of journal) if (entry.type === 'file') replayed[entry.file] = entry.text;
    for (const file of Object.keys(state.files).sort()) {
      const text = state.files[file] ?? '';
      if (replayed[file] !== text) journal.push({ type: 'file', file, text });
    }
    const exported = exportScenario(scenario, journal);
    const items = [...exported.files.map((f) => ({ name: f.name, text: f.text, type: 'application/yaml' })), { name: 'replay.sh', text: exported.script, type: 'text/x-shellscript' }];
    close();
    setStatus('');
    setDownloads(items.map((item) => ({ name: item.name, url: URL.createObjectURL(new Blob([item.text], { type: item.type })) })));
  }

  function close() {
    setDownloads((current) => {
      for (const d of current ?? []) URL.revokeObjectURL(d.url);
      return undefined;
    });
  }

  return (
    <>
      <button data-testid="toolbar.export" onClick={() => void open()} title={t('export.button.title')}>
        {t('export.button.label')}
      </button>
      {downloads !== undefined ? (
        <div className="toolbar-dialog" role="dialog" aria-label={t('export.dialog.label')} data-testid="export.dialog">
          <p>
            <Trans t={t} i18nKey="export.dialog.explain" components={{ code: <code /> }} />
          </p>
          <ul className="export-files">
            {downloads.map((d) => (
              <li key={d.name}>
                <a href={d.url} download={d.name} data-testid={`export.file.${d.name}`}>
                  {d.name}
                </a>
              </li>
            ))}
          </ul>
          <p className="export-note">{t('export.dialog.note')}</p>
          <p className="toolbar-dialog-status" role="status" data-testid="export.status">
            {status}
          </p>
          <button data-testid="export.close" onClick={close}>
            {t('dialog.close')}
          </button>
        </div>
      ) : null}
    </>
  );
}
