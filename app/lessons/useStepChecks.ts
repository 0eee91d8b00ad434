// Sends a lesson step's checks to the worker when the step is shown, and reads whether they all
// hold from the snapshots that follow (the worker evaluates them after every change).
import { useEffect } from 'react';
import type { LessonStep } from '../../src/lessons/lesson';
import { useAppStore } from '../store/appStore';

/** True once every check of the step holds. `key` names the step (`<lesson>#<index>`). */
export function useStepChecks(key: string, step: LessonStep | undefined): boolean {
  const watch = useAppStore((s) => s.watchLessonChecks);
  // Wait for the first snapshot: the scenario must be loaded before the baseline is taken.
  const ready = useAppStore((s) => s.snapshot !== undefined);
  // A restarted worker knows no checks: the crash notice changes then, and the checks are sent again.
  const crash = useAppStore((s) => s.crash);
  useEffect(() => {
    if (ready) watch(key, step?.check ?? []);
  }, [ready, key, step, watch, crash]);
  return useAppStore((s) => {
    const checks = s.snapshot?.checks;
    return step !== undefined && checks?.key === key && checks.results.length > 0 && checks.results.every(Boolean);
  });
}
