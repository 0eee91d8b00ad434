import { describe, expect, it } from 'vitest';
import { parseLesson } from './parseLesson';

const T = '{en: "Hi", vi: "Chào", zh-Hant: "你好"}';

/** A valid lesson whose first step's check list is `check` (indented YAML lines). */
function lessonWith(check: string, extra = ''): string {
  return `apiVersion: ordinal.dev/v1alpha1
kind: Lesson
metadata: {name: demo}
spec:
  title: ${T}
  summary: ${T}
  scenario: web
  steps:
    - explain: ${T}
      instruction: ${T}
      commands: ["kubectl apply -f web.yaml"]
      check:
${check}
${extra}  conclusion: ${T}
`;
}

describe(parseLesson, () => {
  it('reads a lesson with typed checks and a question', () => {
    const text = lessonWith(
      '        - pod: web-0\n          ready: true\n        - dns: nginx\n          addresses: 2\n        - claim: www-web-0\n          file: index.html\n          contains: web-0',
    ).replace('      check:', `      question: {prompt: ${T}, choices: [${T}, ${T}], answer: 1, why: ${T}}\n      timeout: 90s\n      check:`);
    const { lesson, diagnostics } = parseLesson(text, 'demo.yaml');
    expect(diagnostics).toEqual([]);
    expect(lesson?.id).toBe('demo');
    expect(lesson?.steps[0]?.check).toEqual([
      { on: 'pod', name: 'web-0', ready: true },
      { on: 'dns', name: 'nginx', addresses: 2 },
      { on: 'claim', name: 'www-web-0', file: 'index.html', contains: 'web-0' },
    ]);
    expect(lesson?.steps[0]?.question?.answer).toBe(1);
    expect(lesson?.steps[0]?.timeoutMs).toBe(90_000);
  });

  it('names file, line and column of an unknown check field', () => {
    const { lesson, diagnostics } = parseLesson(lessonWith('        - pod: web-0\n          readdy: true'), 'demo.yaml');
    expect(lesson).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: 'demo.yaml', line: 14, column: 11, severity: 'error', message: expect.stringContaining('unknown field "steps[0].check[0].readdy"') }),
    ]);
  });

  it('refuses a check that does not start with a subject, and a wrongly typed value', () => {
    expect(parseLesson(lessonWith('        - ready: true')).diagnostics[0]?.message).toMatch(/must start with what it checks/);
    expect(parseLesson(lessonWith('        - pod: web-0\n          ready: "yes"')).diagnostics[0]?.message).toBe('steps[0].check[0].ready must be true or false');
    expect(parseLesson(lessonWith('        - pod: web-0\n          phase: Runing')).diagnostics[0]?.message).toMatch(/must be one of: Pending, Running/);
    expect(parseLesson(lessonWith('        - dns: nginx')).diagnostics[0]?.message).toMatch(/addresses is required/);
  });

  it('refuses an answer that is not one of the choices', () => {
    const text = lessonWith('        - pod: web-0').replace('      check:', `      question: {prompt: ${T}, choices: [${T}, ${T}], answer: 2, why: ${T}}\n      check:`);
    expect(parseLesson(text).diagnostics[0]?.message).toMatch(/answer must be the index/);
  });

  it('warns about a missing translation and keeps the lesson', () => {
    const { lesson, diagnostics } = parseLesson(lessonWith('        - pod: web-0').replace(/title: .*/, 'title: {en: "Only English"}'), 'demo.yaml');
    expect(lesson?.title).toEqual({ en: 'Only English', vi: '', 'zh-Hant': '' });
    expect(diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ['warning', 'spec.title has no vi text'],
      ['warning', 'spec.title has no zh-Hant text'],
    ]);
  });

  it('reports YAML syntax errors and a wrong kind at their place', () => {
    expect(parseLesson('kind: [', 'x.yaml').diagnostics[0]).toMatchObject({ file: 'x.yaml', line: 1, severity: 'error' });
    expect(parseLesson(lessonWith('        - pod: web-0').replace('kind: Lesson', 'kind: Scenario')).diagnostics[0]).toMatchObject({ line: 2, message: 'kind must be Lesson' });
  });
});
