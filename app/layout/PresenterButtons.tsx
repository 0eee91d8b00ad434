import type { ClassroomMode } from './classroomMode';

/** The top bar's "Presenter" switch: large type, the graph and the events in front, editor collapsed. */
export function PresenterToggle({ mode, setMode }: { mode: ClassroomMode; setMode: (mode: ClassroomMode) => void }) {
  const on = mode === 'presenter';
  return (
    <button data-testid="toolbar.presenter" aria-pressed={on} onClick={() => setMode(on ? 'normal' : 'presenter')} title="Large type for a projector (?mode=presenter)">
      {on ? 'Exit presenter' : 'Presenter'}
    </button>
  );
}

/** In presenter mode the editor is collapsed; this shows or hides it. */
export function EditorToggle({ open, setOpen }: { open: boolean; setOpen: (open: boolean) => void }) {
  return (
    <button data-testid="toolbar.editor" aria-pressed={open} onClick={() => setOpen(!open)}>
      {open ? 'Hide editor' : 'Show editor'}
    </button>
  );
}
