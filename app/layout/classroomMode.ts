// Classroom modes (issue #5): `?mode=presenter` for a projector, `?mode=embed` for an iframe on a
// course page. Pure URL helpers, so Node tests check them.

/** How the page is laid out: the full playground, large type for a projector, or a compact read-only embed. */
export type ClassroomMode = 'normal' | 'presenter' | 'embed';

const PARAM = 'mode';
/** `?mode=embed&edit=1`: the embed shows the editor and the terminal (read-only is the default). */
const EDIT_PARAM = 'edit';

/** The mode named by `?mode=` in a query string; anything else (or nothing) is `normal`. */
export function readClassroomMode(search: string): ClassroomMode {
  const value = new URLSearchParams(search).get(PARAM);
  return value === 'presenter' || value === 'embed' ? value : 'normal';
}

/** True for an embed whose author opted in to editing: `?mode=embed&edit=1` (or `edit=true`). */
export function readEmbedEditing(search: string): boolean {
  const params = new URLSearchParams(search);
  const value = params.get(EDIT_PARAM);
  return readClassroomMode(search) === 'embed' && (value === '1' || value === 'true');
}

/**
 * The same address in another mode: only `?mode=` changes; the scenario (`?scenario=`) and a
 * share link's fragment stay, so the page opens the same scenario. Leaving the embed drops `edit=`.
 *
 * @example
 * withClassroomMode('https://x.org/?scenario=web&mode=embed#v1/abc', 'normal') // 'https://x.org/?scenario=web#v1/abc'
 */
export function withClassroomMode(href: string, mode: ClassroomMode): string {
  const url = new URL(href);
  if (mode === 'normal') url.searchParams.delete(PARAM);
  else url.searchParams.set(PARAM, mode);
  // Editing is the playground's normal state; `edit=` only means something to an embed.
  if (mode !== 'embed') url.searchParams.delete(EDIT_PARAM);
  return url.href;
}
