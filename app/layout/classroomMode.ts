// Classroom modes (issue #5): `?mode=presenter` for a projector, `?mode=embed` for an iframe on a
// course page. Pure URL helpers, so Node tests check them.

/** How the page is laid out: the full playground, large type for a projector, or a compact read-only embed. */
export type ClassroomMode = 'normal' | 'presenter' | 'embed';

const PARAM = 'mode';

/** The mode named by `?mode=` in a query string; anything else (or nothing) is `normal`. */
export function readClassroomMode(search: string): ClassroomMode {
  const value = new URLSearchParams(search).get(PARAM);
  return value === 'presenter' || value === 'embed' ? value : 'normal';
}

/**
 * The same address in another mode: only `?mode=` changes; the scenario (`?scenario=`) and a
 * share link's fragment stay, so the page opens the same scenario.
 *
 * @example
 * withClassroomMode('https://x.org/?scenario=web&mode=embed#v1/abc', 'normal') // 'https://x.org/?scenario=web#v1/abc'
 */
export function withClassroomMode(href: string, mode: ClassroomMode): string {
  const url = new URL(href);
  if (mode === 'normal') url.searchParams.delete(PARAM);
  else url.searchParams.set(PARAM, mode);
  return url.href;
}
