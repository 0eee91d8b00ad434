import { describe, expect, it } from 'vitest';
import { createClusterState } from '../../engine/bootstrap';
import { advanceBy, reconcile } from '../../engine/simulation';
import { listObjects } from '../../engine/store';
import type { PodObject } from '../../model/pod';
import { Session } from '../session';

const FILES: Record<string, string> = {
  'hello.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: hello
spec:
  template:
    spec:
      containers:
      - name: hello
        image: busybox:1.28
        command: ["sh", "-c", "date; echo Hello from the Kubernetes cluster"]
      restartPolicy: Never
`,
  'redis.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  containers:
  - name: filler
    image: jakousa/dwk-app5:54203329200143875187753026f4e93a1305ae26
  - name: redis
    image: redis:5.0
`,
  'web.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27.3
`,
};

function cluster() {
  const state = createClusterState();
  reconcile(state);
  const session = new Session(state, FILES);
  return { state, run: (line: string) => session.run(line) };
}

describe('kubectl logs', () => {
  it('prints what the Job pod printed, by pod name and as job/<name>', () => {
    const { state, run } = cluster();
    run('kubectl apply -f hello.yaml');
    advanceBy(state, 15_000);
    const pod = listObjects<PodObject>(state, 'Pod')[0]?.metadata.name ?? '';
    const expected = 'Wed Jan  1 00:00:03 UTC 2025\nHello from the Kubernetes cluster';
    expect(run(`kubectl logs ${pod}`).output).toBe(expected);
    expect(run('kubectl logs job/hello').output).toBe(expected);
    expect(run('kubectl logs job/hello --tail=1').output).toBe('Hello from the Kubernetes cluster');
    expect(run('kubectl logs job/hello --timestamps').output.split('\n')[1]).toBe('2025-01-01T00:00:03.000000000Z Hello from the Kubernetes cluster');
    expect(run('kubectl logs -l job-name=hello --prefix').output).toBe(
      `[pod/${pod}/hello] Wed Jan  1 00:00:03 UTC 2025\n[pod/${pod}/hello] Hello from the Kubernetes cluster`,
    );
  });

  it('defaults to the first container of a multi-container pod and says so; -c picks another', () => {
    const { state, run } = cluster();
    run('kubectl apply -f redis.yaml');
    advanceBy(state, 10_000);
    expect(run('kubectl logs cache').output).toBe('Defaulted container "filler" out of: filler, redis');
    const redis = run('kubectl logs cache -c redis').output.split('\n');
    expect(redis[0]).toMatch(/^1:C 01 Jan 2025 00:00:0\d\.000 # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo$/);
    expect(redis.at(-1)).toMatch(/\* Ready to accept connections$/);
  });

  it("--previous prints the last terminated run's logs, and fails when there is none", () => {
    const { state, run } = cluster();
    run('kubectl apply -f web.yaml');
    advanceBy(state, 10_000);
    const previous = run('kubectl logs web --previous');
    expect(previous.output).toBe('Error from server (BadRequest): previous terminated container "nginx" in pod "web" not found');
    expect(previous.exitCode).toBe(1);
    run('sim crash web');
    advanceBy(state, 10_000);
    expect(run('kubectl logs web -p').output).toContain('2025/01/01 00:00:03 [notice] 1#1: nginx/1.27.3');
    expect(run('kubectl logs web').output).toContain('2025/01/01 00:00:11 [notice] 1#1: nginx/1.27.3');
  });

  it("reports kubectl's errors: missing pod, unknown container, a container that has not started", () => {
    const { run } = cluster();
    expect(run('kubectl logs nope').output).toBe('Error from server (NotFound): pods "nope" not found');
    expect(run('kubectl logs job/nope').output).toBe('Error from server (NotFound): jobs.batch "nope" not found');
    expect(run('kubectl logs').output).toMatch(/^error: expected 'logs \[-f\] \[-p\] \(POD \| TYPE\/NAME\) \[-c CONTAINER\]'\./);
    run('kubectl apply -f web.yaml');
    expect(run('kubectl logs web -c sidecar').output).toBe('error: container sidecar is not valid for pod web');
    expect(run('kubectl logs web').output).toBe('Error from server (BadRequest): container "nginx" in pod "web" is waiting to start: ContainerCreating');
  });
});
