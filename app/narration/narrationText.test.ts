import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { narrateSince } from '../../src/narration/narrate';
import { createNarrationMemory } from '../../src/narration/narrationLine';
import { runScenarioText } from '../../src/testing/scenarioHarness';
import en from '../i18n/locales/en/narration.json';
import vi from '../i18n/locales/vi/narration.json';
import { SCENARIOS } from '../workspace/scenarioCatalog';
import { narrationText } from './narrationText';

const instance = i18next.createInstance();
let t: TFunction;
beforeAll(async () => {
  await instance.init({ lng: 'en', resources: { en: { narration: en }, vi: { narration: vi } }, interpolation: { escapeValue: false } });
  t = instance.t;
});

/** The English story of a bundled scenario, with extra script lines appended. */
function story(name: string, extra: string[] = [], from = 0): string[] {
  let text = SCENARIOS[name] ?? '';
  for (const line of extra) text += `    - ${JSON.stringify(line)}\n`;
  const { lines } = narrateSince(runScenarioText(text).state, createNarrationMemory());
  return lines.filter((l) => l.at >= from).map((l) => narrationText(t, l));
}

describe('narration of the gallery scenarios (English)', () => {
  it('tells the seed-002 web demo: ordered creation, then the same names and claims after deleting the pods', () => {
    expect(story('seed-002-web-demo')).toEqual([
      'StatefulSet web is created with 2 replicas: its pods start one at a time, in order',
      'web-0 is created first (ordinal 0)',
      'web-0 gets its own claim www-web-0',
      'web-1 waits: web-0 is not Ready yet',
      'web-0 is Running and Ready on node-1',
      'web-1 is created only after web-0 is Ready',
      'web-1 gets its own claim www-web-1',
      'web-1 is Running and Ready on node-2',
      'web-0 is deleted; StatefulSet web recreates it under the same name',
      'web-1 is deleted; StatefulSet web recreates it under the same name',
      'web-0 is recreated with the same name and hostname',
      'web-0 keeps its claim www-web-0',
      'web-1 waits: web-0 is not Ready yet',
      'web-0 is Running and Ready on node-1',
      'web-1 is recreated with the same name and hostname',
      'web-1 keeps its claim www-web-1',
      'web-1 is Running and Ready on node-2',
    ]);
  });

  it('tells a drain on local-path storage: the pod cannot follow its local volume', () => {
    expect(story('web-local-path', ['kubectl drain node-1 --ignore-daemonsets', 'sim wait --stable'], 6000)).toEqual([
      'web-1 is Running and Ready on node-2',
      'node-1 is cordoned: no new pods are scheduled there',
      'web-0 is evicted from node-1 (drain)',
      'web-0 is recreated with the same name and hostname',
      'web-0 keeps its claim www-web-0',
      'web-0 stays Pending: its local volume (www-web-0) lives on node-1, which is cordoned',
    ]);
  });

  it('tells a crash loop: each crash and the growing back-off', () => {
    expect(story('web', ['sim crash web-1 --loop', 'sim advance 60s'], 6000)).toEqual([
      'web-1 is Running and Ready on node-2',
      'web-1 crashed (nginx exited with code 1); the kubelet restarts it in the same pod',
      'web-1 crashed; the kubelet restarts it in 10s (CrashLoopBackOff)',
      'web-1 crashed; the kubelet restarts it in 20s (CrashLoopBackOff)',
      'web-1 crashed; the kubelet restarts it in 40s (CrashLoopBackOff)',
    ]);
  });

  it('tells a single crash and the restart in the same pod', () => {
    expect(story('web', ['sim crash web-1', 'sim wait --stable'], 6000)).toEqual([
      'web-1 is Running and Ready on node-2',
      'web-1 crashed (nginx exited with code 1); the kubelet restarts it in the same pod',
      'web-1 is Ready again, same name (restarts: 1)',
    ]);
  });

  it('tells a scale-down: highest ordinal first, one at a time, claims kept', () => {
    const scale = ['kubectl scale sts web --replicas=4', 'sim wait --stable', 'kubectl scale sts web --replicas=1', 'sim wait --stable'];
    expect(story('web', scale, 6000)).toEqual([
      'web-1 is Running and Ready on node-2',
      'StatefulSet web scales up from 2 to 4: new pods are added one at a time, lowest ordinal first',
      'web-2 is created only after web-1 is Ready',
      'web-2 gets its own claim www-web-2',
      'web-3 waits: web-2 is not Ready yet',
      'web-2 is Running and Ready on node-3',
      'web-3 is created only after web-2 is Ready',
      'web-3 gets its own claim www-web-3',
      'web-3 is Running and Ready on node-1',
      'StatefulSet web scales down from 4 to 1: pods are removed from the highest ordinal down',
      'Scale down removes web-3 first (highest ordinal); its claim www-web-3 stays',
      'web-2 is removed only after web-3 is gone; its claim www-web-2 stays',
      'web-1 is removed only after web-2 is gone; its claim www-web-1 stays',
    ]);
  });

  it('tells a node failure: eviction after the toleration, a stuck StatefulSet pod, a Deployment pod replaced under a new name', () => {
    const lines = story('gallery-node-failure', [], 50000);
    expect(lines.slice(0, 4)).toEqual([
      'node-2 stopped answering; its pods are marked for eviction after 5m',
      'web-1 is marked for deletion but stays Terminating: node-2 cannot confirm it stopped, so no second copy starts',
      'web-deploy-79665674fc-b6wsd is marked for deletion because node-2 is unreachable; its ReplicaSet starts a replacement at once',
      "web-deploy-79665674fc-2t7cv replaces web-deploy-79665674fc-b6wsd: a Deployment's new pod gets a new random name",
    ]);
    expect(lines.slice(4)).toEqual(['web-1 is recreated with the same name and hostname', 'web-1 keeps its claim www-web-1', 'web-1 is Running and Ready on node-3']);
  });

  it('renders the same line in Vietnamese, with object names untouched', () => {
    const line = { key: 'nextWaits', params: { next: 'web-1', pod: 'web-0' } };
    expect(narrationText(t, line)).toBe('web-1 waits: web-0 is not Ready yet');
    expect(narrationText(instance.getFixedT('vi'), line)).toBe('web-1 phải chờ: web-0 chưa Ready');
  });
});
