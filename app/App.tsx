import { ClusterGraph } from './graph/ClusterGraph';
import { EditorPane } from './editor/EditorPane';
import { Dock } from './inspector/Dock';
import { PlaybackBar } from './playback/PlaybackBar';
import { useAppStore } from './store/appStore';
import { TerminalPane } from './terminal/TerminalPane';
import { ContextMenu } from './ui/ContextMenu';

/** Layout only: top bar, editor | graph, and the dock with the terminal, events and inspector. */
export function App() {
  const title = useAppStore((s) => s.snapshot?.scenarioTitle);
  const crash = useAppStore((s) => s.crash);
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
      </header>
      {crash ? (
        <div className="crash-banner" role="alert" data-testid="crash-banner">
          {crash}
        </div>
      ) : null}
      <main className="workspace">
        <EditorPane />
        <ClusterGraph />
      </main>
      <footer className="dock">
        <TerminalPane />
        <Dock />
      </footer>
      <ContextMenu />
    </div>
  );
}
