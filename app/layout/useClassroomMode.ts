import { useCallback, useState } from 'react';
import { readClassroomMode, withClassroomMode, type ClassroomMode } from './classroomMode';

/**
 * The page's classroom mode, read once from `?mode=`; changing it rewrites the address bar
 * (replaceState: no reload, no history entry) so that a reload or a copied link keeps the mode.
 */
export function useClassroomMode(): [ClassroomMode, (mode: ClassroomMode) => void] {
  const [mode, setModeState] = useState(() => readClassroomMode(window.location.search));
  const setMode = useCallback((next: ClassroomMode) => {
    window.history.replaceState(window.history.state, '', withClassroomMode(window.location.href, next));
    setModeState(next);
  }, []);
  return [mode, setMode];
}
