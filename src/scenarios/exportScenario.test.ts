import { describe, expect, it } from 'vitest';
import seed002 from '../../scenarios/seed-002-web-demo.yaml?raw';
import { exportScenario, shellQuote } from './exportScenario';
import { parseScenario } from './parseScenario';
import type { Scenario } from './scenario';

function scenarioOf(text: string): Scenario {
  const { scenario, diagnostics } = parseScenario(text);
  if (!scenario) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return scenario;
}

/** The script's lines after its header (from the first line after the DEBUG trap). */
function bodyOf(script: string): string[] {
  const lines = script.split('\n');
  return lines.slice(lines.findIndex((l) => l.includes('DEBUG')) + 1).filter((l) => l !== '');
}

const SEED = scenarioOf(seed002);
const WEB = SEED.files['web.yaml'] as string;

function scenario(script: string[], files: Record<string, string> = { 'web.yaml': WEB }): Scenario {
  return { name: 'test', seed: 1, files, script };
}

describe('exportScenario: the seed-002 demo', () => {
  const exported = exportScenario(SEED);

  it('exports the workspace files as they are', () => {
    expect(exported.files).toEqual([{ name: 'web.yaml', text: WEB }]);
  });

  it('opens with a bash header naming kind, minikube, k3s and kubectl, and set -euo pipefail', () => {
    const lines = exported.script.split('\n');
    expect(lines[0]).toBe('#!/usr/bin/env bash');
    expect(exported.script).toContain('# Made for kind, minikube or k3s. Needs kubectl pointed at the cluster');
    expect(lines).toContain('set -euo pipefail');
  });

  it('replays the script: kubectl lines as they are, the shell session as one command, watches in the background', () => {
    expect(bodyOf(exported.script)).toEqual([
      'kubectl get pods -w -l app=nginx &',
      'kubectl apply -f web.yaml',
      'wait_stable',
      'kubectl exec web-0 -- sh -c hostname',
      'kubectl exec web-1 -- sh -c hostname',
      '# kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm /bin/sh   (an interactive session: the lines typed into it run as one command)',
      "kubectl run dns-test --image=busybox:1.28 --restart=Never --rm --attach --command -- sh -c 'nslookup web-0.nginx",
      "nslookup web-1.nginx'",
      'kubectl get pvc -l app=nginx',
      `kubectl exec web-0 -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'`,
      `kubectl exec web-1 -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'`,
      'kubectl exec web-0 -- curl http://localhost/',
      'kubectl exec web-1 -- curl http://localhost/',
      'kubectl delete pod -l app=nginx',
      'wait_stable',
      'kubectl exec web-0 -- curl http://localhost/',
      'kubectl exec web-1 -- curl http://localhost/',
      'kubectl get pods -o wide',
    ]);
  });

  it('stops background watches when the script ends', () => {
    expect(exported.script).toContain("trap 'kill $(jobs -p) 2>/dev/null || true' EXIT");
  });

  it('waits for stability with a bounded kubectl wait', () => {
    expect(exported.script).toContain('kubectl wait --for=condition=Ready pods --all --timeout="$timeout"');
    expect(exported.script).toContain('local timeout="${1:-5m}" workload');
  });

  it('says that standard is the default StorageClass of kind and minikube', () => {
    expect(exported.script).toContain('#   "standard" is the default StorageClass of kind and minikube (k3s has none by that name: create one or use local-path).');
    expect(exported.script).not.toContain('"local-path" is k3s');
  });
});

describe('exportScenario: sim verbs', () => {
  const exported = exportScenario(
    scenario([
      'kubectl apply -f web.yaml',
      'sim advance 30s',
      'sim wait --stable',
      'sim wait --stable --timeout 2m',
      'sim crash web-0',
      'sim crash web-1 --loop',
      'sim break-readiness web-0',
      'sim fix-readiness web-0',
      'sim break-liveness web-0',
      'sim fix-liveness web-0',
      'sim node-down node-1',
      'sim node-up node-1',
      'sim add-node node-4',
      'sim remove-node node-4',
      'sim dns web-0.nginx',
      'sim frobnicate',
    ]),
  );
  const body = bodyOf(exported.script);

  it('turns sim advance into sleep and sim wait --stable into wait_stable', () => {
    expect(body.slice(0, 4)).toEqual(['kubectl apply -f web.yaml', 'sleep 30', 'wait_stable', 'wait_stable 2m']);
  });

  it('turns every other sim verb into comments only', () => {
    expect(body.slice(4).every((l) => l.startsWith('#'))).toBe(true);
  });

  it('explains how to cause each one by hand', () => {
    const text = body.join('\n');
    expect(text).toContain('#     kubectl exec web-0 -- kill 1');
    expect(text).toContain('To crash it at every start, change its command to one that exits.');
    expect(text).toContain('#     kubectl exec web-0 -- mv /usr/share/nginx/html/index.html /tmp/');
    expect(text).toContain('The playground made the liveness probe of web-0 fail.');
    expect(text).toContain('kind: docker stop <node>   minikube: minikube node stop <node>');
    expect(text).toContain('kind: docker start <node>');
    expect(text).toContain('add a "- role: worker" line to the kind config');
    expect(text).toContain('kubectl delete node <node>');
    expect(text).toContain('#     kubectl run -it --rm dnsutils --image=busybox:1.28 --restart=Never -- nslookup web-0.nginx');
    expect(text).toContain('# sim frobnicate   (the playground does not know this command; left out)');
  });

  it('merges consecutive advances into one sleep, in seconds', () => {
    expect(bodyOf(exportScenario(scenario(['sim advance 1m', 'sim advance 1500ms', 'kubectl get pods'])).script)).toEqual(['sleep 61.5', 'kubectl get pods']);
  });
});

describe('exportScenario: safety and journal', () => {
  it('quotes words so that shell syntax in a command stays text', () => {
    const body = bodyOf(exportScenario(scenario(['kubectl get pods;rm', 'kubectl label pod web-0 "a=$(id)"', 'k get pods'])).script);
    expect(body).toEqual(["kubectl get 'pods;rm'", "kubectl label pod web-0 'a=$(id)'", 'kubectl get pods']);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('keeps a line break in a comment from ending it', () => {
    const body = bodyOf(exportScenario(scenario(['sim crash "web-0\nrm -rf ~"'])).script);
    expect(body.every((l) => l.startsWith('#'))).toBe(true);
  });

  it('exports an earlier version of an edited file under its own name, used by the commands that ran it', () => {
    const edited = WEB.replace('replicas: 2', 'replicas: 3');
    const exported = exportScenario(scenario(['kubectl apply -f web.yaml']), [
      { type: 'line', line: 'sim advance 500ms' },
      { type: 'file', file: 'web.yaml', text: edited },
      { type: 'line', line: 'kubectl apply -f web.yaml' },
    ]);
    expect(exported.files).toEqual([
      { name: 'web.v1.yaml', text: WEB },
      { name: 'web.yaml', text: edited },
    ]);
    expect(bodyOf(exported.script)).toEqual(['kubectl apply -f web.v1.yaml', 'sleep 0.5', 'kubectl apply -f web.yaml']);
  });

  it('makes an interactive exec shell one sh -c command and keeps interactive-free exec as it is', () => {
    const body = bodyOf(exportScenario(scenario(['kubectl exec -it web-0 -c nginx -- sh', 'ls /', 'cat /etc/hostname', 'exit', 'kubectl exec -i -t web-1 -- ls'])).script);
    expect(body).toEqual([
      '# kubectl exec -it web-0 -c nginx -- sh   (an interactive session: the lines typed into it run as one command)',
      "kubectl exec web-0 -c nginx -- sh -c 'ls /",
      "cat /etc/hostname'",
      'kubectl exec web-1 -- ls',
    ]);
  });

  it('adds --ignore-daemonsets to drain and notes playground node names', () => {
    const body = bodyOf(exportScenario(scenario(['kubectl drain node-1 --delete-emptydir-data'])).script);
    expect(body).toEqual([
      '# A real node runs DaemonSet pods (kube-proxy, the network plugin): drain needs --ignore-daemonsets.',
      '# Names a playground node: replace it with one of kubectl get nodes.',
      'kubectl drain node-1 --delete-emptydir-data --ignore-daemonsets',
    ]);
  });

  it('notes local-path as the k3s default and the rancher local-path-provisioner', () => {
    const script = exportScenario(scenario([], { 'web.yaml': WEB.replace('accessModes:', 'storageClassName: local-path\n              accessModes:') })).script;
    expect(script).toContain('#   "local-path" is k3s\'s default StorageClass (rancher.io/local-path); on kind or minikube install the');
    expect(script).toContain('rancher local-path-provisioner');
  });
});
