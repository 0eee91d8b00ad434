import { lazy, Suspense, useState } from 'react';
import type { Diagnostic } from '../../src/manifest/diagnostics';
import { useAppStore, useAppStoreShallow } from '../store/appStore';

const ManifestEditor = lazy(() => import('./ManifestEditor'));
const NO_DIAGNOSTICS: Diagnostic[] = [];

/** File tabs, the Monaco editor, Apply, and the problems list of the file in front. */
export function EditorPane() {
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
  const resetToScenario = useAppStore((s) => s.resetToScenario);
  const [renaming, setRenaming] = useState<string | undefined>();

  return (
    <section className="editor-pane" aria-label="Workspace files">
      <div className="tabs" role="tablist">
        {fileNames.map((file) =>
          renaming === file ? (
            <input
              key={file}
              className="tab-rename"
              defaultValue={file}
              autoFocus
              aria-label="New file name"
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
              title="Double-click to rename"
            >
              {file}
            </button>
          ),
        )}
        <button className="tab-action" onClick={addFile} title="New file" aria-label="New file">
          +
        </button>
        {activeFile ? (
          <button className="tab-action" onClick={() => deleteFile(activeFile)} title={`Delete ${activeFile}`} aria-label={`Delete ${activeFile}`}>
            ×
          </button>
        ) : null}
        <button className="tab-action reset" data-testid="editor.reset" onClick={resetToScenario} title="Reset to scenario: put back the scenario's original files (your edits are saved in this browser until then)" aria-label="Reset to scenario">
          Reset
        </button>
        <button className="apply" data-testid="editor.apply" onClick={() => void applyActiveFile()} title="kubectl apply -f (Ctrl/Cmd+Enter)" disabled={!activeFile}>
          Apply
        </button>
      </div>
      <div className="editor-body">
        {activeFile !== undefined && text !== undefined ? (
          <Suspense fallback={<pre className="editor-loading">{text}</pre>}>
            <ManifestEditor file={activeFile} text={text} diagnostics={diagnostics} onChange={editFile} onApply={() => void applyActiveFile()} />
          </Suspense>
        ) : (
          <p className="editor-loading">Loading the workspace…</p>
        )}
      </div>
      <ul className="problems" data-testid="editor.diagnostics" aria-label="Problems">
        {diagnostics.map((d, i) => (
          <li key={i} className={`problem ${d.severity}`}>
            <span className="where">
              {d.line !== undefined ? `line ${d.line}${d.column !== undefined ? `:${d.column}` : ''}` : activeFile}
            </span>{' '}
            {d.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
