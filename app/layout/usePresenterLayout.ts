import { useEffect, useState } from 'react';
import { useAppStore } from '../store/appStore';
import type { ClassroomMode } from './classroomMode';

/**
 * Presenter mode's view state: the editor starts collapsed (a top-bar button shows it) and the
 * dock brings the event log to the front whenever presenter mode is entered.
 */
export function usePresenterLayout(mode: ClassroomMode): { editorOpen: boolean; setEditorOpen: (open: boolean) => void } {
  const [editorOpen, setEditorOpen] = useState(false);
  const setDockTab = useAppStore((s) => s.setDockTab);
  useEffect(() => {
    if (mode !== 'presenter') return;
    setDockTab('events');
  }, [mode, setDockTab]);
  return { editorOpen, setEditorOpen };
}
