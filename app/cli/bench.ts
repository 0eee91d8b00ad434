// `npm run bench`: wall time for the engine to bring big StatefulSets to Ready
// (simulated time is free; this measures the work of simulating it).
// Targets (issue #2): 1,000-replica Parallel set with claims on 50 nodes ≤ 1 s;
// 100-replica OrderedReady set ≤ 0.5 s, on our 2-core machines. Also: one frame of the browser's
// play loop at 300 pods, in the worker, ≤ 8 ms.
import { performance } from 'node:perf_hooks';
import { runScenario } from '../../src/scenarios/runScenario';
import type { Scenario } from '../../src/scenarios/scenario';
import { toScenarioText } from '../../src/scenarios/scenarioUrl';
import { graphOmitter } from '../simulation/graphOmitter';
import { SimulationHost } from '../simulation/simulationHost';

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

/**
 * The browser's play loop at 300 pods: what one frame costs the worker (advance, snapshot, the
 * message as posted and its structured clone). Half a 60 fps frame is the budget.
 */
function measureFrame(targetMs: number): boolean {
  const host = new SimulationHost();
  let requestId = 1;
  const text = toScenarioText({ ...scenario('frames-300', 300, 'Parallel', 10), script: ['kubectl apply -f db.yaml', 'sim wait --stable --timeout=2h'] });
  host.handle({ type: 'load', scenarioText: text, requestId: requestId++ });
  host.handle({ type: 'play', requestId: requestId++ });
  const omit = graphOmitter();
  const frame = () => {
    const snapshot = host.tick(16);
    if (snapshot) structuredClone(omit(snapshot));
  };
  for (let i = 0; i < 30; i++) frame();
  const frames = 300;
  const start = performance.now();
  for (let i = 0; i < frames; i++) frame();
  const ms = (performance.now() - start) / frames;
  const ok = ms <= targetMs;
  console.log(`a frame of play at 300 pods (worker: advance, snapshot, message): ${ms.toFixed(2)} ms (target ≤ ${targetMs} ms) ${ok ? 'ok' : 'SLOW'}`);
  return ok;
}

const c = measureFrame(8);
process.exitCode = a && b && c ? 0 : 1;
