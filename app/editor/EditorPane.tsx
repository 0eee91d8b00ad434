import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostic } from '../../src/manifest/diagnostics';
import { useAppStore, useAppStoreShallow } from '../store/appStore';
import { ConfirmWorkspaceChange } from '../workspace/ConfirmWorkspaceChange';
import './editor.css';

const ManifestEditor = lazy(() => import('./ManifestEditor'));
const NO_DIAGNOSTICS: Diagnostic[] = [];

/**
 * File tabs, the workspace actions (Reset, Start empty, Apply), the Monaco editor, and the
 * problems list of the file in front. Problem messages are kubectl's and stay as it prints them.
 */
export function EditorPane() {
  const { t } = useTranslation();
  const fileNames = useAppStoreShallow((s) => Object.keys(s.files));
  const activeFile = useAppStore((s) => s.activeFile);
  const text = useAppStore((s) => (s.activeFile ? s.files[s.activeFile] : undefined));
  const diagnostics = useAppStore((s) => (s.activeFile ? s.snapshot?.diagnostics[s.activeFile] : undefined)) ?? NO_DIAGNOSTICS;
  const setActiveFile = useAppStore((s) => s.setActiveFile);
  const editFile = useAppStore((s) => s.editFile);
  const addFile = useAppStore((s) => s.addFile);
  const renameFile = useAppStore((s) => s.renameFile);
  const deleteFile = useAppStore((s) => s.deleteFile);
  const applyActiveFile = useAppStore((s) => s.applyActiveFile);
  const requestReset = useAppStore((s) => s.requestReset);
  const requestStartEmpty = useAppStore((s) => s.requestStartEmpty);
  const [renaming, setRenaming] = useState<string | undefined>();

  return (
    <section className="editor-pane" aria-label={t('editor.files')}>
      <div className="tabs" role="tablist">
        {fileNames.map((file) =>
          renaming === file ? (
            <input
              key={file}
              className="tab-rename"
              defaultValue={file}
              autoFocus
              aria-label={t('editor.renameLabel')}
              onBlur={(e) => {
                renameFile(file, e.currentTarget.value.trim());
                setRenaming(undefined);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') e.currentTarget.blur();
                if (e.key === 'Escape') setRenaming(undefined);
              }}
            />
          ) : (
            <button
              key={file}
              role="tab"
              aria-selected={file === activeFile}
              className={file === activeFile ? 'tab active' : 'tab'}
              data-testid={`editor.tab.${file}`}
              onClick={() => setActiveFile(file)}
              onDoubleClick={() => setRenaming(file)}
              title={t('editor.renameHint')}
              translate="no"
            >
              {file}
            </button>
          ),
        )}
        <button className="tab-action" onClick={addFile} title={t('editor.newFile')} aria-label={t('editor.newFile')} data-testid="editor.new-file">
          +
        </button>
        {activeFile ? (
          <button
            className="tab-action"
            onClick={() => deleteFile(activeFile)}
            title={t('editor.deleteFile', { file: activeFile })}
            aria-label={t('editor.deleteFile', { file: activeFile })}
            data-testid="editor.delete-file"
          >
            ×
          </button>
        ) : null}
        <span className="editor-actions">
          <button className="reset" data-testid="editor.reset" onClick={requestReset} title={t('workspace.resetTitle')}>
            {t('workspace.reset')}
          </button>
          <button data-testid="editor.start-empty" onClick={requestStartEmpty} title={t('workspace.startEmptyTitle')}>
            {t('workspace.startEmpty')}
          </button>
          <button
            className="apply"
            data-testid="editor.apply"
            onClick={() => void applyActiveFile()}
            title={t('editor.applyTitle', { command: `kubectl apply -f ${activeFile ?? ''}`.trim() })}
            disabled={!activeFile}
          >
            {t('editor.apply')}
          </button>
        </span>
      </div>
      <div className="editor-body">
        {activeFile !== undefined && text !== undefined ? (
          <Suspense fallback={<pre className="editor-loading">{text}</pre>}>
            <ManifestEditor file={activeFile} text={text} diagnostics={diagnostics} onChange={editFile} onApply={() => void applyActiveFile()} />
          </Suspense>
        ) : (
          <p className="editor-loading">{t('editor.loading')}</p>
        )}
      </div>
      <div className="editor-footer">
        {text === '' ? (
          <p className="editor-empty-hint" data-testid="editor.empty-hint">
            {t('editor.emptyHint')}
          </p>
        ) : null}
        <ul className="problems" data-testid="editor.diagnostics" aria-label={t('editor.problems')}>
          {diagnostics.map((d, i) => (
            <li key={i} className={`problem ${d.severity}`}>
              <span className="where">
                {d.line === undefined
                  ? activeFile
                  : d.column === undefined
                    ? t('editor.line', { line: d.line })
                    : t('editor.lineColumn', { line: d.line, column: d.column })}
              </span>{' '}
              <span className="problem-message" lang="en" translate="no">
                {d.message}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <ConfirmWorkspaceChange />
    </section>
  );
}
