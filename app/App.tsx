import { ClusterGraph } from './graph/ClusterGraph';
import { EditorPane } from './editor/EditorPane';
import { Dock } from './inspector/Dock';
import { PlaybackBar } from './playback/PlaybackBar';
import { ShareButton } from './share/ShareButton';
import { useAppStore } from './store/appStore';
import { ContextMenu } from './ui/ContextMenu';

/** Layout only: top bar, editor | graph, and the full-width dock (terminal | events | inspector). */
export function App() {
  const title = useAppStore((s) => s.snapshot?.scenarioTitle);
  const crash = useAppStore((s) => s.crash);
  const notice = useAppStore((s) => s.notice);
  const showNotice = useAppStore((s) => s.showNotice);
  const ready = useAppStore((s) => s.snapshot !== undefined);
  const run = useAppStore((s) => s.run);
  const nodeCount = useAppStore((s) => s.snapshot?.names['Node']?.length ?? 0);
  return (
    <div className="app">
      <header className="topbar">
        <h1>Ordinal</h1>
        <span className="scenario-title">{title}</span>
        <span className="engine-status" data-testid="engine-status">
          {ready ? 'ready' : 'starting…'}
        </span>
        <PlaybackBar />
        <button data-testid="toolbar.add-node" onClick={() => void run(`sim add-node node-${nodeCount + 1}`)}>
          + Add node
        </button>
        <ShareButton />
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
      <main className="workspace">
        <EditorPane />
        <ClusterGraph />
      </main>
      <Dock />
      <ContextMenu />
    </div>
  );
}
