import { describe, expect, it } from 'vitest';
import { KUBECTL_VERBS } from '../../src/kubectl/commands/dispatch';
import { SIM_VERBS } from '../../src/kubectl/commands/sim';
import { COMMANDS, complete } from './completion';

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

describe('COMMANDS', () => {
  const dispatcherVerbs = (line: string) => (line === 'kubectl' ? [...KUBECTL_VERBS] : [...SIM_VERBS]).sort();

  it('completes exactly the kubectl verbs the dispatcher runs, rollout, set and logs included', () => {
    expect(Object.keys(COMMANDS.kubectl).sort()).toEqual(dispatcherVerbs('kubectl'));
    expect(Object.keys(COMMANDS.kubectl)).toEqual(expect.arrayContaining(['rollout', 'set', 'logs']));
  });

  it('completes exactly the sim verbs the dispatcher runs', () => {
    expect(Object.keys(COMMANDS.sim).sort()).toEqual(dispatcherVerbs('sim'));
  });

  it('offers rollout subcommands, then the workload and its names', () => {
    expect(complete('kubectl ro', names, [])).toEqual({ line: 'kubectl rollout ', choices: [] });
    expect(complete('kubectl rollout st', names, [])).toEqual({ line: 'kubectl rollout status ', choices: [] });
    expect(complete('kubectl rollout status sts w', names, [])).toEqual({ line: 'kubectl rollout status sts web ', choices: [] });
    expect(complete('kubectl logs web-1', names, [])).toEqual({ line: 'kubectl logs web-1 ', choices: [] });
    expect(complete('kubectl se', names, [])).toEqual({ line: 'kubectl set ', choices: [] });
  });
});
