import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonQuestion } from '../../src/lessons/lesson';
import { useLocalize } from './localize';

interface Props {
  question: LessonQuestion;
  /** The choice the learner locked in, once they did. */
  answered: number | undefined;
  onAnswer: (choice: number) => void;
  /** The step is done: show the answer even if the learner skipped the question. */
  reveal: boolean;
}

/** Predict, then watch: radio buttons, "Check my answer", then right or not and why. */
export function LessonQuestionView({ question, answered, onAnswer, reveal }: Props) {
  const { t } = useTranslation('lessons');
  const localize = useLocalize();
  const [choice, setChoice] = useState<number | undefined>(undefined);
  const locked = answered !== undefined || reveal;
  const right = localize(question.choices[question.answer] ?? question.prompt);
  return (
    <fieldset className="lesson-question" data-testid="lesson.question">
      <legend>{t('panel.predict')}</legend>
      <p className="lesson-prompt">{localize(question.prompt)}</p>
      {question.choices.map((c, i) => (
        <label key={i} className={locked && i === question.answer ? 'lesson-choice lesson-choice-right' : 'lesson-choice'}>
          <input type="radio" name="lesson-choice" value={i} checked={(answered ?? choice) === i} disabled={locked} onChange={() => setChoice(i)} data-testid={`lesson.choice.${i}`} />
          {localize(c)}
        </label>
      ))}
      {locked ? (
        <div className="lesson-feedback" role="status" data-testid="lesson.feedback">
          {answered !== undefined ? <strong>{answered === question.answer ? t('panel.correct') : t('panel.wrong', { answer: right })}</strong> : null}
          <p>{localize(question.why)}</p>
        </div>
      ) : (
        <button data-testid="lesson.check-answer" disabled={choice === undefined} onClick={() => choice !== undefined && onAnswer(choice)}>
          {t('panel.checkAnswer')}
        </button>
      )}
    </fieldset>
  );
}
