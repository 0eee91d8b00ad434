import { describe, expect, it } from 'vitest';
import { complete } from './completion';

const names = { Pod: ['web-0', 'web-1'], Node: ['node-1', 'node-2'], StatefulSet: ['web'], PersistentVolumeClaim: ['www-web-0'] };

describe('complete', () => {
  it('completes the program, kubectl verbs and resource kinds', () => {
    expect(complete('kub', names, [])).toEqual({ line: 'kubectl ', choices: [] });
    expect(complete('kubectl ge', names, [])).toEqual({ line: 'kubectl get ', choices: [] });
    expect(complete('kubectl get pv', names, [])).toEqual({ line: 'kubectl get pv', choices: ['pv', 'pvc'] });
  });

  it('completes object names after a kind, and files after -f', () => {
    expect(complete('kubectl delete pod web-', names, [])).toEqual({ line: 'kubectl delete pod web-', choices: ['web-0', 'web-1'] });
    expect(complete('kubectl describe sts w', names, [])).toEqual({ line: 'kubectl describe sts web ', choices: [] });
    expect(complete('kubectl apply -f w', names, ['web.yaml'])).toEqual({ line: 'kubectl apply -f web.yaml ', choices: [] });
    expect(complete('sim node-down node-2', names, [])).toEqual({ line: 'sim node-down node-2 ', choices: [] });
  });

  it('leaves the line alone when nothing fits', () => {
    expect(complete('kubectl get pods zz', names, [])).toEqual({ line: 'kubectl get pods zz', choices: [] });
  });
});
