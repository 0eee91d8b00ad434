import { describe, expect, it } from 'vitest';
import { SimulationHost } from '../simulation/simulationHost';
import { findLesson, LESSONS, lessonScenarioText } from './lessonCatalog';
import { openLesson } from './openLesson';

describe('lesson checks in the simulation host', () => {
  it('reports, in every snapshot, whether the step checks hold against the state when they were sent', () => {
    const lesson = findLesson('ordered-creation');
    if (!lesson) throw new Error('no lesson ordered-creation');
    const host = new SimulationHost();
    host.handle({ requestId: 1, type: 'load', scenarioText: lessonScenarioText(lesson) });
    const step = lesson.steps[0];
    if (!step) throw new Error('no step');
    expect(host.handle({ requestId: 2, type: 'checks', key: 'ordered-creation#0', checks: step.check }).checks).toEqual({ key: 'ordered-creation#0', results: [false, false, false] });
    host.handle({ requestId: 3, type: 'command', line: step.commands[0] ?? '', echo: true });
    expect(host.handle({ requestId: 4, type: 'untilStable' }).checks).toEqual({ key: 'ordered-creation#0', results: [true, true, true] });
    expect(host.handle({ requestId: 5, type: 'checks', key: '', checks: [] }).checks).toBeUndefined();
  });
});

describe(openLesson, () => {
  it('opens ?lesson=<id> from its first step in the lesson scenario, resumes a linked lesson at its step, and names an unknown one', () => {
    const opened = openLesson('?lesson=headless-dns', undefined, LESSONS);
    expect(opened.progress).toEqual({ id: 'headless-dns', step: 0 });
    expect(opened.scenarioText).toContain('name: lesson-headless-dns');
    expect(openLesson('', { id: 'headless-dns', step: 2 }, LESSONS)).toEqual({ progress: { id: 'headless-dns', step: 2 } });
    expect(openLesson('', { id: 'headless-dns', step: 99 }, LESSONS).progress?.step).toBe(3);
    expect(openLesson('?lesson=nope', undefined, LESSONS).notice).toBeDefined();
    expect(openLesson('?scenario=web', undefined, LESSONS)).toEqual({});
  });
});
