import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonStep } from '../../src/lessons/lesson';
import { appStore, useAppStore } from '../store/appStore';
import { LessonQuestionView } from './LessonQuestionView';
import { useLocalize } from './localize';

interface Props {
  step: LessonStep;
  /** The `checks` key of this step, to read its results after "Do it for me". */
  checkKey: string;
  /** Every check of the step holds. */
  passed: boolean;
  last: boolean;
  onNext: () => void;
}

/**
 * One step: explanation, instruction with its command lines, the question (answered before the
 * commands may run), "Do it for me"/"Watch", and — once the worker says the checks hold — the
 * outcome and "Next step". The learner may also type the commands or use the menus: the check,
 * not the button, is what completes the step.
 */
export function LessonStepView({ step, checkKey, passed, last, onNext }: Props) {
  const { t } = useTranslation('lessons');
  const localize = useLocalize();
  const run = useAppStore((s) => s.run);
  const play = useAppStore((s) => s.play);
  const playing = useAppStore((s) => s.snapshot?.playing ?? false);
  const [answered, setAnswered] = useState<number | undefined>(undefined);
  const [running, setRunning] = useState(false);
  const [ran, setRan] = useState(false);
  const mayRun = step.question === undefined || answered !== undefined;

  const doIt = async () => {
    setRunning(true);
    for (const line of step.commands) await run(line);
    setRunning(false);
    setRan(true);
    // Let simulated time run until the check holds (the step may need pods to start).
    const { snapshot } = appStore().getState();
    const held = snapshot?.checks?.key === checkKey && snapshot.checks.results.every(Boolean);
    if (!held && !snapshot?.playing) play();
  };

  return (
    <div className="lesson-step">
      <p className="lesson-explain" data-testid="lesson.explain">
        {localize(step.explain)}
      </p>
      <div className="lesson-instruction">
        <strong>{t('panel.instruction')}</strong>
        <p data-testid="lesson.instruction">{localize(step.instruction)}</p>
        <span className="lesson-or-type">{t('panel.orType')}</span>
        <pre className="lesson-commands" data-testid="lesson.commands">
          {step.commands.map((c) => `$ ${c}`).join('\n')}
        </pre>
      </div>
      {step.question ? <LessonQuestionView question={step.question} answered={answered} onAnswer={setAnswered} reveal={passed} /> : null}
      {passed ? (
        <div className="lesson-passed" role="status" data-testid="lesson.passed">
          <p>✓ {t('panel.passed')}</p>
          {step.outcome ? <p>{localize(step.outcome)}</p> : null}
          <button className="lesson-primary" data-testid="lesson.next" onClick={onNext}>
            {last ? t('panel.finish') : t('panel.next')}
          </button>
        </div>
      ) : (
        <div className="lesson-actions">
          {mayRun ? (
            <button className="lesson-primary" data-testid="lesson.do-it" disabled={running} onClick={() => void doIt()}>
              {step.question ? `▶ ${t('panel.watch')}` : t('panel.doIt')}
            </button>
          ) : (
            <span className="lesson-hint">{t('panel.answerFirst')}</span>
          )}
          {ran || running ? (
            <span className="lesson-waiting" role="status" data-testid="lesson.waiting">
              {t('panel.waiting')}
            </span>
          ) : null}
          {!playing && (ran || running) ? (
            <span className="lesson-hint">
              {t('panel.paused')}{' '}
              <button data-testid="lesson.resume" onClick={play}>
                {t('panel.resume')}
              </button>
            </span>
          ) : null}
        </div>
      )}
    </div>
  );
}
