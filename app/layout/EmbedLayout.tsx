import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { EditorPane } from '../editor/EditorPane';
import { ClusterGraph } from '../graph/ClusterGraph';
import { localizedScenarioTitle } from '../i18n/scenarioTitle';
import { Dock } from '../inspector/Dock';
import { EventLog } from '../inspector/EventLog';
import { NarrationStrip } from '../narration/NarrationStrip';
import { formatClock } from '../playback/formatClock';
import { useAppStore } from '../store/appStore';
import { ContextMenu } from '../ui/ContextMenu';
import { readEmbedEditing, withClassroomMode } from './classroomMode';
import './embed.css';

/**
 * `?mode=embed`: a compact view for an iframe on a course page. Read-only by default: the graph
 * and the events only; play/pause/step; no editor, no terminal, no context menu. With `&edit=1`
 * the author opts in to the editor, the terminal (in the dock) and the objects' menus. It starts
 * playing by itself, and "Open in Ordinal" opens the same scenario as the full playground.
 */
export function EmbedLayout() {
  const { t } = useTranslation('classroom');
  const title = useAppStore((s) => s.snapshot?.scenarioTitle);
  const ready = useAppStore((s) => s.snapshot !== undefined);
  const now = useAppStore((s) => s.snapshot?.now ?? 0);
  const playing = useAppStore((s) => s.snapshot?.playing ?? false);
  const crash = useAppStore((s) => s.crash);
  const notice = useAppStore((s) => s.notice);
  const play = useAppStore((s) => s.play);
  const pause = useAppStore((s) => s.pause);
  const step = useAppStore((s) => s.step);
  const editing = readEmbedEditing(window.location.search);
  // Autoplay once, when the scenario has loaded; pausing afterwards is the reader's choice.
  const started = useRef(false);
  useEffect(() => {
    if (!ready || started.current) return;
    started.current = true;
    play();
  }, [ready, play]);
  const openHref = withClassroomMode(window.location.href, 'normal');
  const shownTitle = title === undefined ? undefined : localizedScenarioTitle(t, title);
  return (
    <div className={editing ? 'app mode-embed embed-editing' : 'app mode-embed'} data-mode="embed" data-editing={editing ? 'true' : 'false'}>
      <header className="topbar embed-bar">
        <span className="scenario-title" title={shownTitle}>
          {shownTitle}
        </span>
        <span className="engine-status" data-testid="engine-status" data-state={ready ? 'ready' : 'starting'}>
          {ready ? t('embed.ready') : t('embed.starting')}
        </span>
        <div className="playback" role="toolbar" aria-label={t('embed.time')}>
          <span className="clock" data-testid="playback.clock" title={t('embed.clockTitle')}>
            {formatClock(now)}
          </span>
          <button data-testid={playing ? 'playback.pause' : 'playback.play'} onClick={playing ? pause : play}>
            {playing ? t('embed.pause') : t('embed.play')}
          </button>
          <button data-testid="playback.step" onClick={step} title={t('embed.stepTitle')}>
            {t('embed.step')}
          </button>
        </div>
        <a className="open-in" href={openHref} target="_blank" rel="noopener" data-testid="embed.open">
          {t('embed.open')}
        </a>
      </header>
      <div className="notices">
        {crash || notice ? (
          <div className="notice-banner" role="status" data-testid="notice">
            {crash ?? notice}
          </div>
        ) : null}
      </div>
      {editing ? (
        <>
          <main className="workspace embed-workspace">
            <EditorPane />
            <ClusterGraph followSwitch={false} />
          </main>
          <Dock />
          <ContextMenu />
        </>
      ) : (
        <main className="embed-main">
          <ClusterGraph followSwitch={false} />
          <section className="embed-events" aria-label={t('embed.events')}>
            <NarrationStrip variant="embed" />
            <EventLog />
          </section>
        </main>
      )}
    </div>
  );
}
