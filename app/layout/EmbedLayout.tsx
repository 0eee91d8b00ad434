import { useEffect, useRef } from 'react';
import { ClusterGraph } from '../graph/ClusterGraph';
import { EventLog } from '../inspector/EventLog';
import { formatClock } from '../playback/formatClock';
import { useAppStore } from '../store/appStore';
import { withClassroomMode } from './classroomMode';

/**
 * `?mode=embed`: a compact, read-only view for an iframe on a course page. The graph and the
 * events only; play/pause/step; no editor, no terminal, no context menu. It starts playing by
 * itself, and "Open in Ordinal" opens the same scenario as the full playground in a new tab.
 */
export function EmbedLayout() {
  const title = useAppStore((s) => s.snapshot?.scenarioTitle);
  const ready = useAppStore((s) => s.snapshot !== undefined);
  const now = useAppStore((s) => s.snapshot?.now ?? 0);
  const playing = useAppStore((s) => s.snapshot?.playing ?? false);
  const crash = useAppStore((s) => s.crash);
  const notice = useAppStore((s) => s.notice);
  const play = useAppStore((s) => s.play);
  const pause = useAppStore((s) => s.pause);
  const step = useAppStore((s) => s.step);
  // Autoplay once, when the scenario has loaded; pausing afterwards is the reader's choice.
  const started = useRef(false);
  useEffect(() => {
    if (!ready || started.current) return;
    started.current = true;
    play();
  }, [ready, play]);
  const openHref = withClassroomMode(window.location.href, 'normal');
  return (
    <div className="app mode-embed" data-mode="embed">
      <header className="topbar embed-bar">
        <span className="scenario-title" title={title}>
          {title}
        </span>
        <span className="engine-status" data-testid="engine-status">
          {ready ? 'ready' : 'starting…'}
        </span>
        <div className="playback" role="toolbar" aria-label="Simulated time">
          <span className="clock" data-testid="playback.clock" title="Simulated time since the scenario started">
            {formatClock(now)}
          </span>
          <button data-testid={playing ? 'playback.pause' : 'playback.play'} onClick={playing ? pause : play}>
            {playing ? '❚❚ Pause' : '▶ Play'}
          </button>
          <button data-testid="playback.step" onClick={step} title="Advance to the next thing that happens">
            Step ›
          </button>
        </div>
        <a className="open-in" href={openHref} target="_blank" rel="noopener" data-testid="embed.open">
          Open in Ordinal ↗
        </a>
      </header>
      {crash || notice ? (
        <div className="notice-banner" role="status" data-testid="notice">
          {crash ?? notice}
        </div>
      ) : null}
      <main className="embed-main">
        <ClusterGraph />
        <section className="embed-events" aria-label="Events">
          <EventLog />
        </section>
      </main>
    </div>
  );
}
