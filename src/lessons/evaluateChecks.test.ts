import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenarios/parseScenario';
import { runScenarioText } from '../testing/scenarioHarness';
import web from '../../scenarios/web.yaml?raw';
import type { LessonCheck } from './checks';
import { captureBaseline, evaluateChecks } from './evaluateChecks';
import type { Lesson } from './lesson';
import { lessonScenario } from './lessonScenario';
import { playLesson } from './playLesson';

const T = { en: 'x y', vi: 'x y vi', 'zh-Hant': 'x y zh' };

describe(evaluateChecks, () => {
  it('judges pods, claims, files on volumes, DNS, workloads and nodes of the web scenario', () => {
    const { state, session } = runScenarioText(web);
    session.run(`kubectl exec web-0 -- sh -c 'echo hello > /usr/share/nginx/html/index.html'`);
    const baseline = captureBaseline(state);
    const checks: LessonCheck[] = [
      { on: 'pod', name: 'web-1', ready: true, phase: 'Running' },
      { on: 'pod', name: 'web-2', exists: false },
      { on: 'pod', name: 'web-0', minRestarts: 1 },
      { on: 'pods', selector: 'app=nginx', count: 2, readyCount: 2 },
      { on: 'claim', name: 'www-web-0', phase: 'Bound', file: 'index.html', contains: 'hello' },
      { on: 'claim', name: 'www-web-1', file: 'index.html' },
      { on: 'dns', name: 'nginx', addresses: 2 },
      { on: 'dns', name: 'web-5.nginx', addresses: 0 },
      { on: 'statefulSet', name: 'web', replicas: 2, readyReplicas: 2 },
      { on: 'node', name: 'node-1', schedulable: true, ready: true },
    ];
    expect(evaluateChecks(checks, state, baseline)).toEqual([true, true, false, true, true, false, true, true, true, true]);
  });

  it('compares with the baseline: a replaced pod, a pod on another node, brand-new names', () => {
    const { state, session } = runScenarioText(web);
    const baseline = captureBaseline(state);
    const checks: LessonCheck[] = [
      { on: 'pod', name: 'web-1', replaced: true, ready: true },
      { on: 'pod', name: 'web-0', replaced: false, sameNodeAsBefore: 'web-0' },
      { on: 'pods', selector: 'app=nginx', allNew: true },
    ];
    expect(evaluateChecks(checks, state, baseline)).toEqual([false, true, false]);
    session.run('kubectl delete pod web-1');
    session.run('sim wait --stable');
    expect(evaluateChecks(checks, state, baseline)).toEqual([true, true, false]);
  });

  it('does not change the state it reads (a check on a claim without a volume creates nothing)', () => {
    const { state } = runScenarioText(web);
    const before = JSON.stringify(state);
    evaluateChecks([{ on: 'claim', name: 'www-web-9', file: 'a' }, { on: 'dns', name: 'nginx', addresses: 1 }, { on: 'pods', selector: '!!bad', count: 0 }], state, captureBaseline(state));
    expect(JSON.stringify(state)).toBe(before);
  });
});

describe(playLesson, () => {
  const base = parseScenario(web).scenario;
  const lesson = (check: LessonCheck[], commands = ['kubectl scale sts web --replicas=3']): Lesson => ({
    id: 'demo',
    title: T,
    summary: T,
    scenario: 'web',
    setup: ['kubectl apply -f web.yaml', 'sim wait --stable'],
    steps: [{ explain: T, instruction: T, commands, check, timeoutMs: 60_000 }],
    conclusion: T,
  });

  it('runs the commands, then advances time until the check holds', () => {
    const played = playLesson(lesson([{ on: 'pod', name: 'web-2', ready: true }]), lessonScenario(lesson([]), base));
    expect(played.steps[0]).toMatchObject({ before: [false], after: [true], passed: true });
    expect(played.steps[0]?.endedAt).toBeGreaterThan(played.steps[0]?.startedAt ?? Infinity);
  });

  it('records a check that already held before the step (a defect of the lesson)', () => {
    const played = playLesson(lesson([{ on: 'pod', name: 'web-0', ready: true }]), lessonScenario(lesson([]), base));
    expect(played.steps[0]?.before).toEqual([true]);
  });

  it('stops at a step whose check never holds, within its timeout', () => {
    const played = playLesson(lesson([{ on: 'pod', name: 'web-7', ready: true }]), lessonScenario(lesson([]), base));
    expect(played.steps[0]).toMatchObject({ passed: false, after: [false] });
    expect((played.steps[0]?.endedAt ?? 0) - (played.steps[0]?.startedAt ?? 0)).toBe(60_000);
  });
});
