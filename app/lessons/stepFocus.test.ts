import { describe, expect, it } from 'vitest';
import { stepFocus } from '../../src/lessons/stepFocus';
import { LESSONS as lessons } from './lessonCatalog';

describe('stepFocus', () => {
  it('is the first check subject with a card: the claim of "write into remote-1’s volume"', () => {
    const lesson = lessons.find((l) => l.id === 'local-vs-remote-storage');
    expect(lesson && stepFocus(lesson.steps[0]!)).toEqual({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'www-remote-1' });
    expect(lesson && stepFocus(lesson.steps[1]!)).toEqual({ kind: 'Node', name: 'node-2' });
  });

  it('names an object for most steps of the bundled lessons', () => {
    const steps = lessons.flatMap((l) => l.steps);
    expect(steps.length).toBeGreaterThan(15);
    expect(steps.filter((s) => stepFocus(s)).length).toBeGreaterThanOrEqual(steps.length * 0.75);
  });
});
