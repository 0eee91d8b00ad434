import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/appStore';

/** The top bar's "Lessons" button: opens the lesson list. */
export function LessonsButton() {
  const { t } = useTranslation('lessons');
  const open = useAppStore((s) => s.lessonListOpen);
  const setOpen = useAppStore((s) => s.setLessonListOpen);
  return (
    <button data-testid="toolbar.lessons" aria-expanded={open} title={t('buttonTitle')} onClick={() => setOpen(!open)}>
      {t('button')}
    </button>
  );
}
