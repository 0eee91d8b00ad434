import { useTranslation } from 'react-i18next';
import { ClusterGraph } from './graph/ClusterGraph';
import { EditorPane } from './editor/EditorPane';
import { EmbedLayout } from './layout/EmbedLayout';
import { EditorToggle, PresenterToggle } from './layout/PresenterButtons';
import { useClassroomMode } from './layout/useClassroomMode';
import { usePresenterLayout } from './layout/usePresenterLayout';
import './layout/layout.css';
import { LanguageSwitch } from './i18n/LanguageSwitch';
import { localizedScenarioTitle } from './i18n/scenarioTitle';
import { Dock } from './inspector/Dock';
import { ExportButton } from './share/ExportButton';
import { LessonList } from './lessons/LessonList';
import { LessonPanel } from './lessons/LessonPanel';
import { LessonsButton } from './lessons/LessonsButton';
import { useLessonTitle } from './lessons/useLessonTitle';
import { NarrationStrip } from './narration/NarrationStrip';
import { ShareButton } from './share/ShareButton';
import { useAppStore } from './store/appStore';
import { Timeline } from './timeline/Timeline';
import { ContextMenu } from './ui/ContextMenu';
import { ScenarioPicker } from './workspace/ScenarioPicker';

/**
 * Layout only: top bar, editor | graph, and the full-width dock (terminal | events | inspector).
 * `?mode=presenter` (or the Presenter button) collapses the editor and enlarges the type;
 * `?mode=embed` is the compact read-only view of `layout/EmbedLayout`.
 */
export function App() {
  const { t } = useTranslation();
  const title = useAppStore((s) => s.snapshot?.scenarioTitle);
  const lessonTitle = useLessonTitle();
  const crash = useAppStore((s) => s.crash);
  const notice = useAppStore((s) => s.notice);
  const showNotice = useAppStore((s) => s.showNotice);
  const ready = useAppStore((s) => s.snapshot !== undefined);
  const run = useAppStore((s) => s.run);
  const nodeCount = useAppStore((s) => s.snapshot?.names['Node']?.length ?? 0);
  const [mode, setMode] = useClassroomMode();
  const { editorOpen, setEditorOpen } = usePresenterLayout(mode);
  if (mode === 'embed') return <EmbedLayout />;
  const presenter = mode === 'presenter';
  return (
    <div className={presenter ? 'app mode-presenter' : 'app'} data-mode={mode}>
      <header className="topbar">
        <h1>Ordinal</h1>
        <span className="scenario-title">{lessonTitle ?? (title === undefined ? undefined : localizedScenarioTitle(t, title))}</span>
        <ScenarioPicker />
        <span className="engine-status" data-testid="engine-status" data-state={ready ? 'ready' : 'starting'}>
          {ready ? t('app.ready') : t('app.starting')}
        </span>
        <button
          data-testid="toolbar.add-node"
          onClick={() => void run(`sim add-node node-${nodeCount + 1}`)}
          title={t('app.addNodeTitle', { command: `sim add-node node-${nodeCount + 1}` })}
        >
          {t('app.addNode')}
        </button>
        <ShareButton />
        <ExportButton />
        <LessonsButton />
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
        <Timeline />
        {notice ? (
          <div className="notice-banner" role="status" data-testid="notice">
            <span>{notice}</span>
            <button onClick={() => showNotice(undefined)} aria-label={t('app.dismiss')} title={t('app.dismiss')}>
              ×
            </button>
          </div>
        ) : null}
        <NarrationStrip variant={presenter ? 'presenter' : 'normal'} />
      </div>
      <main className={presenter && !editorOpen ? 'workspace editor-collapsed' : 'workspace'}>
        {presenter && !editorOpen ? null : <EditorPane />}
        <ClusterGraph presenter={presenter} />
        <LessonPanel />
      </main>
      <Dock />
      <ContextMenu />
      <LessonList />
    </div>
  );
}
