// The top bar's presenter switches: presenter mode on/off, and the editor while presenting.
import { useTranslation } from 'react-i18next';
import type { ClassroomMode } from './classroomMode';

/** The top bar's "Presenter" switch: large type, the graph and the events in front, editor collapsed. */
export function PresenterToggle({ mode, setMode }: { mode: ClassroomMode; setMode: (mode: ClassroomMode) => void }) {
  const { t } = useTranslation('classroom');
  const on = mode === 'presenter';
  return (
    <button data-testid="toolbar.presenter" aria-pressed={on} onClick={() => setMode(on ? 'normal' : 'presenter')} title={t('presenter.title', { param: '?mode=presenter' })}>
      {on ? t('presenter.exit') : t('presenter.enter')}
    </button>
  );
}

/** In presenter mode the editor is collapsed; this shows or hides it. */
export function EditorToggle({ open, setOpen }: { open: boolean; setOpen: (open: boolean) => void }) {
  const { t } = useTranslation('classroom');
  return (
    <button data-testid="toolbar.editor" aria-pressed={open} onClick={() => setOpen(!open)}>
      {open ? t('presenter.hideEditor') : t('presenter.showEditor')}
    </button>
  );
}
