import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/appStore';
import { formatClock } from './formatClock';

const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 20];

/** Play/pause, speed, step, run until stable, and the simulated clock (the moment shown, past or live). */
export function PlaybackBar() {
  const { t } = useTranslation('timeline');
  const now = useAppStore((s) => s.snapshot?.now ?? 0);
  const playing = useAppStore((s) => s.snapshot?.playing ?? false);
  const speed = useAppStore((s) => s.snapshot?.speed ?? 1);
  const viewingPast = useAppStore((s) => s.timelineMoment !== undefined);
  const play = useAppStore((s) => s.play);
  const pause = useAppStore((s) => s.pause);
  const setSpeed = useAppStore((s) => s.setSpeed);
  const step = useAppStore((s) => s.step);
  const untilStable = useAppStore((s) => s.untilStable);
  return (
    <div className="playback" role="toolbar" aria-label={t('playback.label')}>
      <span className={viewingPast ? 'clock past' : 'clock'} data-testid="playback.clock" title={t('playback.clockTitle')}>
        {formatClock(now)}
      </span>
      <button
        data-testid={playing ? 'playback.pause' : 'playback.play'}
        onClick={playing ? pause : play}
        title={viewingPast && !playing ? t('playback.playFromHere') : undefined}
      >
        {playing ? t('playback.pause') : t('playback.play')}
      </button>
      <label className="speed">
        {t('playback.speed')}
        <select data-testid="playback.speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <button data-testid="playback.step" onClick={step} title={t('playback.stepTitle')}>
        {t('playback.step')}
      </button>
      <button data-testid="playback.stable" onClick={untilStable} title={t('playback.stableTitle', { command: 'sim wait --stable' })}>
        {t('playback.stable')}
      </button>
    </div>
  );
}
