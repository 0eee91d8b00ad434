import { describe, expect, it } from 'vitest';
import { bundledResources } from '../i18n/i18n';
import { menuItems, scaleToLine } from './menuItems';

describe('menuItems', () => {
  it('offers the pod actions of issue #3 as command lines', () => {
    expect(menuItems({ kind: 'Pod', namespace: 'default', name: 'web-1' }).map((i) => i.line)).toEqual([
      'kubectl delete pod web-1',
      'sim crash web-1',
      'sim crash web-1 --loop',
      'sim break-readiness web-1',
      'sim fix-readiness web-1',
      'kubectl exec -it web-1 -- sh',
    ]);
  });

  it('scales a StatefulSet one up or down from its current replicas', () => {
    const lines = menuItems({ kind: 'StatefulSet', namespace: 'default', name: 'web' }, 2).map((i) => i.line);
    expect(lines.slice(0, 2)).toEqual(['kubectl scale statefulset web --replicas=3', 'kubectl scale statefulset web --replicas=1']);
    expect(lines).toContain('kubectl delete statefulset web --cascade=orphan');
  });

  it('adds -n for objects outside default and none for nodes', () => {
    expect(menuItems({ kind: 'Pod', namespace: 'db', name: 'redis-0' })[0]?.line).toBe('kubectl delete pod redis-0 -n db');
    expect(menuItems({ kind: 'Node', name: 'node-2' }).map((i) => i.line)).toContain('kubectl drain node-2 --ignore-daemonsets');
  });
});

describe('menu labels', () => {
  it('are keys of the common namespace in every language', () => {
    const refs = ['Pod', 'StatefulSet', 'Deployment', 'ReplicaSet', 'Node', 'PersistentVolumeClaim', 'Service'].map((kind) => ({ kind, name: 'x' }));
    const keys = new Set(refs.flatMap((ref) => menuItems(ref, 2).map((i) => i.label)));
    expect(keys.size).toBeGreaterThan(15);
    for (const [language, namespaces] of Object.entries(bundledResources())) {
      for (const key of keys) {
        const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], namespaces['common']);
        expect(typeof text, `${language}: ${key}`).toBe('string');
      }
    }
  });
});

describe('scaleToLine', () => {
  const web = { kind: 'StatefulSet', namespace: 'default', name: 'web' };
  it('scales a StatefulSet to the number typed', () => {
    expect(scaleToLine(web, '4')).toBe('kubectl scale sts web --replicas=4');
    expect(scaleToLine(web, ' 0 ')).toBe('kubectl scale sts web --replicas=0');
    expect(scaleToLine({ ...web, namespace: 'db' }, '3')).toBe('kubectl scale sts web -n db --replicas=3');
  });

  it('refuses what is not a whole number from 0 to 99', () => {
    for (const bad of ['', '-1', '2.5', '100', 'four', '1e2']) expect(scaleToLine(web, bad)).toBeUndefined();
  });
});
