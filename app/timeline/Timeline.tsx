// The timeline bar under the top bar: scrub the simulated time, step by event, back to live.
import { useMemo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../playback/formatClock';
import { PlaybackBar } from '../playback/PlaybackBar';
import { useAppStore } from '../store/appStore';
import { clusterMarkers, type DrawnMarker } from './clusterMarkers';
import './timeline.css';

/** Drawn markers at most across the track (about one per 6 px at 1280 px). */
const SLOTS = 160;

/**
 * The timeline of simulated time: a slider over 0..now with a marker per command and per group of
 * notable events, previous/next event, back to live, and what is shown (the past, or live).
 * Dragging shows the cluster at that moment; acting there branches (the host does it).
 */
export function Timeline() {
  const { t } = useTranslation('timeline');
  const info = useAppStore((s) => s.timeline);
  const moment = useAppStore((s) => s.timelineMoment);
  const target = useAppStore((s) => s.timelineTarget);
  const liveNow = useAppStore((s) => s.liveNow);
  const scrubTo = useAppStore((s) => s.scrubTo);
  const stepToMarker = useAppStore((s) => s.stepToMarker);
  const markers = info?.markers;
  const drawn = useMemo(() => clusterMarkers(markers ?? [], liveNow, SLOTS), [markers, liveNow]);
  const viewing = moment !== undefined;
  const value = Math.min(liveNow, target ?? moment ?? liveNow);
  const keyStep = Math.max(100, Math.round(liveNow / 50 / 100) * 100);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const moves: Record<string, number | undefined> = { ArrowLeft: -keyStep, ArrowDown: -keyStep, ArrowRight: keyStep, ArrowUp: keyStep };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      scrubTo(Math.max(0, value + move));
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      scrubTo(event.key === 'Home' ? 0 : undefined);
    }
  }

  return (
    <section className={viewing ? 'timeline viewing' : 'timeline'} aria-label={t('label')} data-testid="timeline">
      <PlaybackBar />
      <button
        className="timeline-step"
        data-testid="timeline.previous"
        onClick={() => stepToMarker(-1)}
        disabled={value <= 0}
        title={t('previousTitle')}
        aria-label={t('previous')}
      >
        ◀
      </button>
      <div className="timeline-track">
        <div className="timeline-markers">
          {info && info.scriptEnd > 0 && liveNow > 0 ? (
            <span className="timeline-script" style={{ width: `${Math.min(1, info.scriptEnd / liveNow) * 100}%` }} title={t('script')} />
          ) : null}
          {drawn.map((marker) => (
            <MarkerTick key={`${marker.at}-${marker.position}`} marker={marker} onJump={scrubTo} more={(count) => t('more', { count })} />
          ))}
        </div>
        <input
          type="range"
          data-testid="timeline.slider"
          aria-label={t('slider')}
          aria-valuetext={t('valueText', { moment: formatClock(value), end: formatClock(liveNow) })}
          min={0}
          max={Math.max(1, liveNow)}
          step={100}
          value={value}
          onChange={(e) => scrubTo(Number(e.currentTarget.value))}
          onKeyDown={onKeyDown}
        />
      </div>
      <button
        className="timeline-step"
        data-testid="timeline.next"
        onClick={() => stepToMarker(1)}
        disabled={!viewing}
        title={t('nextTitle')}
        aria-label={t('next')}
      >
        ▶
      </button>
      {viewing ? (
        <span className="timeline-status" role="status" data-testid="timeline.viewing" title={t('viewingHint')}>
          <strong>{t('viewing', { moment: formatClock(moment) })}</strong>
          <span className="timeline-hint"> — {t('viewingHint')}</span> —{' '}
          <button data-testid="timeline.live" onClick={() => scrubTo(undefined)} title={t('liveTitle')}>
            {t('backToLive')}
          </button>
        </span>
      ) : (
        <span className="timeline-status live" data-testid="timeline.live-badge">
          ● {t('live')}
        </span>
      )}
      <BranchNotice />
    </section>
  );
}

function MarkerTick({ marker, onJump, more }: { marker: DrawnMarker; onJump: (at: number) => void; more: (count: number) => string }) {
  const lines = marker.labels.map((l) => `${formatClock(l.at)}  ${l.label}`);
  if (marker.more > 0) lines.push(more(marker.more));
  const title = lines.join('\n');
  return (
    <button
      className={`timeline-marker ${marker.kind}`}
      lang="en" // command lines and Kubernetes event reasons, as kubectl prints them
      translate="no"
      style={{ left: `${marker.position * 100}%` }}
      title={title}
      aria-label={title}
      tabIndex={-1}
      data-testid="timeline.marker"
      data-at={marker.at}
      onClick={() => onJump(marker.at)}
    />
  );
}

/** After an action at a past moment: how many later steps were dropped, until dismissed. */
function BranchNotice() {
  const { t } = useTranslation('timeline');
  const branch = useAppStore((s) => s.lastBranch);
  const dismiss = useAppStore((s) => s.dismissBranch);
  if (!branch) return null;
  const moment = formatClock(branch.at);
  return (
    <div className="timeline-branch" role="status" data-testid="timeline.branch-notice">
      <span>{branch.dropped > 0 ? t('branched', { moment, count: branch.dropped }) : t('branchedNothing', { moment })}</span>
      <button onClick={dismiss} aria-label={t('dismiss')} title={t('dismiss')}>
        ×
      </button>
    </div>
  );
}
