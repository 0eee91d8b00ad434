import { ClusterGraph } from './graph/ClusterGraph';
import { EditorPane } from './editor/EditorPane';
import { EmbedLayout } from './layout/EmbedLayout';
import { EditorToggle, PresenterToggle } from './layout/PresenterButtons';
import { useClassroomMode } from './layout/useClassroomMode';
import { usePresenterLayout } from './layout/usePresenterLayout';
import { useRevealPending } from './layout/useRevealPending';
import { LanguageSwitch } from './i18n/LanguageSwitch';
import { Dock } from './inspector/Dock';
import { PlaybackBar } from './playback/PlaybackBar';
import { ExportButton } from './share/ExportButton';
import { ShareButton } from './share/ShareButton';
import { useAppStore } from './store/appStore';
import { ContextMenu } from './ui/ContextMenu';
import { ScenarioPicker } from './workspace/ScenarioPicker';

/**
 * Layout only: top bar, editor | graph, and the full-width dock (terminal | events | inspector).
 * `?mode=presenter` (or the Presenter button) collapses the editor and enlarges the type;
 * `?mode=embed` is the compact read-only view of `layout/EmbedLayout`.
 */
export function App() {
  const title = useAppStore((s) => s.snapshot?.scenarioTitle);
  const crash = useAppStore((s) => s.crash);
  const notice = useAppStore((s) => s.notice);
  const showNotice = useAppStore((s) => s.showNotice);
  const ready = useAppStore((s) => s.snapshot !== undefined);
  const run = useAppStore((s) => s.run);
  const nodeCount = useAppStore((s) => s.snapshot?.names['Node']?.length ?? 0);
  const [mode, setMode] = useClassroomMode();
  const { editorOpen, setEditorOpen } = usePresenterLayout(mode);
  useRevealPending();
  if (mode === 'embed') return <EmbedLayout />;
  const presenter = mode === 'presenter';
  return (
    <div className={presenter ? 'app mode-presenter' : 'app'} data-mode={mode}>
      <header className="topbar">
        <h1>Ordinal</h1>
        <span className="scenario-title">{title}</span>
        <ScenarioPicker />
        <span className="engine-status" data-testid="engine-status">
          {ready ? 'ready' : 'starting…'}
        </span>
        <PlaybackBar />
        <button data-testid="toolbar.add-node" onClick={() => void run(`sim add-node node-${nodeCount + 1}`)}>
          + Add node
        </button>
        <ShareButton />
        <ExportButton />
        <PresenterToggle mode={mode} setMode={setMode} />
        <LanguageSwitch />
        {presenter ? <EditorToggle open={editorOpen} setOpen={setEditorOpen} /> : null}
      </header>
      {crash ? (
        <div className="crash-banner" role="alert" data-testid="crash-banner">
          {crash}
        </div>
      ) : null}
      <div className="notices">
        {notice ? (
          <div className="notice-banner" role="status" data-testid="notice">
            <span>{notice}</span>
            <button onClick={() => showNotice(undefined)} aria-label="Dismiss">
              ×
            </button>
          </div>
        ) : null}
      </div>
      <main className={presenter && !editorOpen ? 'workspace editor-collapsed' : 'workspace'}>
        {presenter && !editorOpen ? null : <EditorPane />}
        <ClusterGraph />
      </main>
      <Dock />
      <ContextMenu />
    </div>
  );
}
