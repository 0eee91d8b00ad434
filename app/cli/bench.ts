// `npm run bench`: wall time for the engine to bring big StatefulSets to Ready
// (simulated time is free; this measures the work of simulating it).
// Targets (issue #2): 1,000-replica Parallel set with claims on 50 nodes ≤ 1 s;
// 100-replica OrderedReady set ≤ 0.5 s, on our 2-core machines.
import { performance } from 'node:perf_hooks';
import { runScenario } from '../../src/scenarios/runScenario';
import type { Scenario } from '../../src/scenarios/scenario';

function statefulSet(replicas: number, policy: 'Parallel' | 'OrderedReady'): string {
  return `apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{name: tcp, port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: ${replicas}
  podManagementPolicy: ${policy}
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: postgres
        image: postgres:16
        resources: {requests: {cpu: 10m, memory: 16Mi}}
        volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`;
}

function scenario(name: string, replicas: number, policy: 'Parallel' | 'OrderedReady', nodes: number): Scenario {
  return {
    name,
    seed: 1,
    cluster: { nodes: Array.from({ length: nodes }, (_, i) => ({ name: `node-${i + 1}`, cpu: '64', memory: '256Gi', pods: 110 })) },
    files: { 'db.yaml': statefulSet(replicas, policy) },
    script: ['kubectl apply -f db.yaml', 'sim wait --stable --timeout=2h', 'kubectl get sts db'],
  };
}

function measure(label: string, s: Scenario, targetMs: number): boolean {
  const start = performance.now();
  const result = runScenario(s);
  const ms = performance.now() - start;
  const ready = result.steps[2]?.output.split('\n')[1]?.trim().split(/\s+/)[1] ?? '?';
  const simulated = (result.state.now / 1000).toFixed(0);
  const ok = ms <= targetMs;
  console.log(`${label}: ${ms.toFixed(0)} ms wall for ${simulated} s simulated, READY ${ready} (target ≤ ${targetMs} ms) ${ok ? 'ok' : 'SLOW'}`);
  return ok;
}

// A warm-up run so the JIT is comparable between the two measurements.
runScenario(scenario('warmup', 20, 'Parallel', 5));
const a = measure('1000-replica Parallel StatefulSet with claims on 50 nodes', scenario('parallel-1000', 1000, 'Parallel', 50), 1000);
const b = measure('100-replica OrderedReady StatefulSet with claims on 3 nodes', scenario('ordered-100', 100, 'OrderedReady', 3), 500);
process.exitCode = a && b ? 0 : 1;
