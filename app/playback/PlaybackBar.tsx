import { useAppStore } from '../store/appStore';
import { formatClock } from './formatClock';

const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 20];

/** Play/pause, speed, step, run until stable, and the simulated clock. */
export function PlaybackBar() {
  const now = useAppStore((s) => s.snapshot?.now ?? 0);
  const playing = useAppStore((s) => s.snapshot?.playing ?? false);
  const speed = useAppStore((s) => s.snapshot?.speed ?? 1);
  const play = useAppStore((s) => s.play);
  const pause = useAppStore((s) => s.pause);
  const setSpeed = useAppStore((s) => s.setSpeed);
  const step = useAppStore((s) => s.step);
  const untilStable = useAppStore((s) => s.untilStable);
  return (
    <div className="playback" role="toolbar" aria-label="Simulated time">
      <span className="clock" data-testid="playback.clock" title="Simulated time since the scenario started">
        {formatClock(now)}
      </span>
      <button data-testid={playing ? 'playback.pause' : 'playback.play'} onClick={playing ? pause : play}>
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <label className="speed">
        speed
        <select data-testid="playback.speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <button data-testid="playback.step" onClick={step} title="Advance to the next thing that happens">
        Step ›
      </button>
      <button data-testid="playback.stable" onClick={untilStable} title="sim wait --stable">
        Run until stable
      </button>
    </div>
  );
}
