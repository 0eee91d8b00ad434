/**
 * Durations: parsing the `30s`/`5m`/`1h30m`/`500ms` form used by `sim advance`
 * and kubectl flags, and kubectl's human-readable AGE format
 * (apimachinery `util/duration.HumanDuration`).
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `1h30m`, `90s`, `500ms`, `2.5s`; a bare number means seconds. Returns ms or undefined. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    total += Number(m[1]) * (UNIT_MS[m[2] as string] ?? 0);
    consumed = re.lastIndex;
  }
  if (consumed !== t.length || consumed === 0) return undefined;
  return Math.round(total);
}

/** kubectl's AGE column: `0s`, `59s`, `119s`, `2m5s`, `12m`, `3h10m`, `9h`, `2d3h`, `12d`. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  return `${days}d`;
}

/** Short duration for event aggregation and describe (`(x3 over 2m)`): same as humanDuration. */
export const shortHumanDuration = humanDuration;

/** Go-style duration text for messages, e.g. `2s`, `1.5s`, `2m0s`, `300ms`. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const totalSeconds = ms / 1000;
  if (totalSeconds < 60) return `${trimFloat(totalSeconds)}s`;
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = trimFloat(totalSeconds % 60);
  return h > 0 ? `${h}h${m}m${s}s` : `${m}m${s}s`;
}

function trimFloat(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

/** RFC 3339 timestamp (second precision) for a simulated instant. */
export function toTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Inverse of toTimestamp. */
export function fromTimestamp(text: string): number {
  return Date.parse(text);
}
