import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/appStore';
import { LESSONS } from './lessonCatalog';
import { useLocalize } from './localize';
import { lessonHref } from './openLesson';
import './lessons.css';

/**
 * The list the "Lessons" button opens: every bundled lesson with its summary. Starting one opens
 * `?lesson=<id>`, so the page loads the lesson's scenario fresh, exactly as a shared address would.
 */
export function LessonList() {
  const { t } = useTranslation('lessons');
  const localize = useLocalize();
  const open = useAppStore((s) => s.lessonListOpen);
  const setOpen = useAppStore((s) => s.setLessonListOpen);
  if (!open) return null;
  return (
    <div className="lesson-list-backdrop" onClick={() => setOpen(false)}>
      <section className="lesson-list" role="dialog" aria-modal="true" aria-labelledby="lesson-list-title" data-testid="lessons.list" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2 id="lesson-list-title">{t('list.title')}</h2>
          <button className="lesson-close" onClick={() => setOpen(false)} aria-label={t('list.close')} title={t('list.close')}>
            ×
          </button>
        </header>
        <p className="lesson-list-intro">{t('list.intro')}</p>
        <ol>
          {LESSONS.map((lesson) => (
            <li key={lesson.id} data-testid={`lessons.list.${lesson.id}`}>
              <div>
                <h3>{localize(lesson.title)}</h3>
                <p>{localize(lesson.summary)}</p>
                <span className="lesson-meta">{t('list.steps', { count: lesson.steps.length })}</span>
              </div>
              <button data-testid={`lessons.start.${lesson.id}`} onClick={() => window.location.assign(lessonHref(window.location.href, lesson.id))}>
                {t('list.start')}
              </button>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
