import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lesson } from '../../src/lessons/lesson';
import { stepFocus } from '../../src/lessons/stepFocus';
import { useAppStore } from '../store/appStore';
import { findLesson } from './lessonCatalog';
import { LessonStepView } from './LessonStepView';
import { useLocalize } from './localize';
import { lessonHref, withoutLesson } from './openLesson';
import { useStepChecks } from './useStepChecks';
import './lessons.css';

/**
 * The lesson panel beside the graph: "Step k of n", then the step (explanation, instruction,
 * question, "Do it for me", the check), and a summary at the end. Shown while `lessonProgress`
 * names a bundled lesson.
 */
export function LessonPanel() {
  const progress = useAppStore((s) => s.lessonProgress);
  const lesson = progress ? findLesson(progress.id) : undefined;
  if (!progress || !lesson) return null;
  return <LessonCard lesson={lesson} step={progress.step} />;
}

function LessonCard({ lesson, step }: { lesson: Lesson; step: number }) {
  const { t } = useTranslation('lessons');
  const localize = useLocalize();
  const setProgress = useAppStore((s) => s.setLessonProgress);
  const current = lesson.steps[step];
  const key = `${lesson.id}#${step}`;
  const passed = useStepChecks(key, current);
  const total = lesson.steps.length;
  // Each step opens with the object it is about in view in the graph.
  const showInGraph = useAppStore((s) => s.showInGraph);
  useEffect(() => {
    const focus = current && stepFocus(current);
    if (focus) showInGraph(focus);
  }, [current, showInGraph]);
  const exit = () => {
    setProgress(undefined);
    window.history.replaceState(window.history.state, '', withoutLesson(window.location.href));
  };
  return (
    <aside className="lesson-panel" aria-label={t('panel.label')} data-testid="lesson.panel" data-step={step}>
      <header>
        <div>
          <h2>{localize(lesson.title)}</h2>
          {current ? (
            <span className="lesson-progress" data-testid="lesson.progress">
              {t('panel.step', { current: step + 1, total })}
            </span>
          ) : null}
        </div>
        <button className="lesson-close" data-testid="lesson.exit" onClick={exit} aria-label={t('panel.exit')} title={t('panel.exit')}>
          ×
        </button>
      </header>
      <progress max={total} value={passed ? step + 1 : step} aria-hidden="true" />
      {current ? (
        <LessonStepView key={key} step={current} checkKey={key} passed={passed} last={step === total - 1} onNext={() => setProgress({ id: lesson.id, step: step + 1 })} />
      ) : (
        <Finished lesson={lesson} />
      )}
    </aside>
  );
}

function Finished({ lesson }: { lesson: Lesson }) {
  const { t } = useTranslation('lessons');
  const localize = useLocalize();
  const openList = useAppStore((s) => s.setLessonListOpen);
  return (
    <div className="lesson-finished" data-testid="lesson.finished">
      <h3>✓ {t('panel.finished')}</h3>
      <p>{localize(lesson.conclusion)}</p>
      <div className="lesson-actions">
        <button onClick={() => openList(true)}>{t('panel.others')}</button>
        <button onClick={() => window.location.assign(lessonHref(window.location.href, lesson.id))} data-testid="lesson.restart">
          {t('panel.restart')}
        </button>
      </div>
    </div>
  );
}
