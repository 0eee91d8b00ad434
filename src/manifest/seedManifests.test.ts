/**
 * The manifests of the seed course notes (shared/seeds), copied verbatim, must parse, validate and
 * pass the API server's create checks with no diagnostic at all: they are the curriculum.
 */
import { describe, expect, it } from 'vitest';
import { checkCreate } from './checkApply';
import { parseManifests } from './parseManifests';
import { validateDocument } from './validateManifest';

/** 002 (Traditional Chinese): the nginx `web` StatefulSet and its headless Service. */
const WEB = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
    - port: 80
      name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: k8s.gcr.io/nginx-slim:0.8
          ports:
            - containerPort: 80
              name: web
          volumeMounts:
            - name: www
              mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
    - metadata:
        name: www
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 1Gi
`;

/** 003 (Vietnamese): service.yaml of the Redis example. */
const REDIS_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: redis-svc
  labels:
    app: redis
spec:
  ports:
    - port: 6379
      name: web
  clusterIP: None
  selector:
    app: redisapp
`;

/** 003: statefulset.yaml of the Redis example (two containers, local-path claims). */
const REDIS_STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis-stset
spec:
  serviceName: redis-svc
  replicas: 2
  selector:
    matchLabels:
      app: redisapp
  template:
    metadata:
      labels:
        app: redisapp
    spec:
      containers:
        - name: redisfiller
          image: jakousa/dwk-app5:54203329200143875187753026f4e93a1305ae26
        - name: redis
          image: redis:5.0
          ports:
            - name: web
              containerPort: 6379
          volumeMounts:
            - name: redis-data-storage
              mountPath: /data
  volumeClaimTemplates:
    - metadata:
        name: redis-data-storage
      spec:
        accessModes: ["ReadWriteOnce"]
        storageClassName: local-path
        resources:
          requests:
            storage: 100Mi
`;

/** 003: the Postgres Service and StatefulSet of exercise 2.07. */
const POSTGRES = `apiVersion: v1
kind: Service
metadata:
  name: postgres-svc
  labels:
    app: postgres
spec:
  ports:
    - port: 5432
      name: web
  clusterIP: None
  selector:
    app: postgres
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres-ss
spec:
  serviceName: postgres
  replicas: 1
  selector:
    matchLabels:
      app: postgres
  template:
    metadata:
      labels:
        app: postgres
    spec:
      containers:
        - name: postgres
          image: postgres:13.0
          ports:
            - name: postgres
              containerPort: 5432
          env:
            - name: POSTGRES_PASSWORD
              value: "example"
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        storageClassName: local-path
        resources:
          requests:
            storage: 100Mi
`;

/** 003: the pg_dump backup Job. */
const BACKUP_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: backup
spec:
  template:
    spec:
      containers:
        - name: backup
          image: jakousa/simple-backup-example
          env:
            - name: URL
              value: "postgres://postgres:example@postgres-svc:5432/postgres"
      restartPolicy: Never # Lần này chỉ chạy một lần
`;

const SEEDS: [string, string, string[]][] = [
  ['web.yaml', WEB, ['Service/nginx', 'StatefulSet/web']],
  ['service.yaml', REDIS_SERVICE, ['Service/redis-svc']],
  ['statefulset.yaml', REDIS_STATEFULSET, ['StatefulSet/redis-stset']],
  ['postgres.yaml', POSTGRES, ['Service/postgres-svc', 'StatefulSet/postgres-ss']],
  ['backup.yaml', BACKUP_JOB, ['Job/backup']],
];

describe('seed manifests', () => {
  for (const [file, text, objects] of SEEDS) {
    it(`${file} parses and validates with no diagnostics`, () => {
      const { documents, diagnostics } = parseManifests(text, file);
      expect(documents.map((d) => `${d.object?.kind}/${d.object?.metadata.name}`)).toEqual(objects);
      expect([...diagnostics, ...documents.flatMap((d) => validateDocument(d, file))]).toEqual([]);
    });

    it(`${file} passes the API server's create checks`, () => {
      const { documents } = parseManifests(text, file);
      for (const doc of documents) {
        const result = checkCreate(doc, file, { uid: 'uid-0001' });
        expect('failure' in result ? result.failure : undefined).toBeUndefined();
      }
    });
  }
});
