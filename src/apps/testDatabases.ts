/**
 * Test helper: a running database StatefulSet (headless Service, one claim per
 * pod) behind a terminal session, for the tests of `src/apps`.
 */
import type { Session } from '../kubectl/session';
import { runScenarioText } from '../testing/scenarioHarness';

/** What the StatefulSet looks like. */
export interface DatabaseSetOptions {
  name: string;
  image: string;
  mountPath: string;
  replicas?: number;
  /** The `ordinal.dev/replicated-database` switch (default on). */
  replicated?: boolean;
}

const indent = (text: string, n: number) => text.replace(/^/gm, ' '.repeat(n));

/** Applies the StatefulSet, waits until it is stable and returns a session on the cluster. */
export function databaseSet(opts: DatabaseSetOptions): Session {
  const manifest = `apiVersion: v1
kind: Service
metadata:
  name: ${opts.name}
spec:
  clusterIP: None
  selector:
    app: ${opts.name}
  ports:
    - port: 1000
      name: db
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${opts.name}
${opts.replicated === false ? '' : `  annotations:\n    ordinal.dev/replicated-database: "true"\n`}spec:
  serviceName: ${opts.name}
  replicas: ${opts.replicas ?? 3}
  selector:
    matchLabels:
      app: ${opts.name}
  template:
    metadata:
      labels:
        app: ${opts.name}
    spec:
      containers:
        - name: db
          image: ${opts.image}
          volumeMounts:
            - name: data
              mountPath: ${opts.mountPath}
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 1Gi
`;
  const scenario = `apiVersion: ordinal.dev/v1alpha1
kind: Scenario
metadata:
  name: db
spec:
  files:
    db.yaml: |
${indent(manifest, 6)}
  script:
    - "kubectl apply -f db.yaml"
    - "sim wait --stable"
`;
  return runScenarioText(scenario).session;
}
