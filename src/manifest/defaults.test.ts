import { describe, expect, it } from 'vitest';
import type { KObject } from '../model/objects';
import { applyDefaults } from './defaults';
import { imageTag } from './defaultsPod';

function obj(kind: string, apiVersion: string, rest: Record<string, unknown>, name = 'x'): KObject {
  return { apiVersion, kind, metadata: { name }, ...rest };
}

const template = (containers: unknown[]): Record<string, unknown> => ({
  metadata: { labels: { app: 'nginx' } },
  spec: { containers },
});

const web = obj(
  'StatefulSet',
  'apps/v1',
  {
    spec: {
      serviceName: 'nginx',
      replicas: 2,
      selector: { matchLabels: { app: 'nginx' } },
      template: template([{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21', ports: [{ name: 'web', containerPort: 80 }] }]),
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  },
  'web',
);

describe('applyDefaults', () => {
  it('fills the StatefulSet fields of R1.1 (S02)', () => {
    const spec = applyDefaults(web)['spec'] as Record<string, unknown>;
    expect(spec['podManagementPolicy']).toBe('OrderedReady');
    expect(spec['updateStrategy']).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(spec['revisionHistoryLimit']).toBe(10);
    expect(spec['persistentVolumeClaimRetentionPolicy']).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(spec['replicas']).toBe(2);
    const withoutReplicas = applyDefaults({ ...web, spec: { ...(web['spec'] as object), replicas: undefined } } as KObject);
    expect((withoutReplicas['spec'] as { replicas?: number }).replicas).toBe(1);
  });

  it('defaults the claim templates like claims, with their apiVersion and kind', () => {
    const spec = applyDefaults(web)['spec'] as { volumeClaimTemplates: unknown[] };
    expect(spec.volumeClaimTemplates[0]).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'www' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
  });

  it('keeps an explicit RollingUpdate without materialising rollingUpdate, as SetDefaults_StatefulSet does', () => {
    const explicit = applyDefaults({ ...web, spec: { ...(web['spec'] as object), updateStrategy: { type: 'RollingUpdate' } } });
    expect((explicit['spec'] as { updateStrategy: unknown }).updateStrategy).toEqual({ type: 'RollingUpdate' });
    const onDelete = applyDefaults({ ...web, spec: { ...(web['spec'] as object), updateStrategy: { type: 'OnDelete' } } });
    expect((onDelete['spec'] as { updateStrategy: unknown }).updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('fills the pod template the way the API server does', () => {
    const spec = (applyDefaults(web)['spec'] as { template: { spec: unknown } }).template.spec;
    expect(spec).toEqual({
      containers: [
        {
          name: 'nginx',
          image: 'registry.k8s.io/nginx-slim:0.21',
          ports: [{ name: 'web', containerPort: 80, protocol: 'TCP' }],
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          resources: {},
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
    });
  });

  it('pulls Always for :latest and untagged images, IfNotPresent otherwise', () => {
    const pull = (image: string): unknown =>
      (applyDefaults(obj('Pod', 'v1', { spec: { containers: [{ name: 'c', image }] } }))['spec'] as { containers: { imagePullPolicy: string }[] }).containers[0]
        ?.imagePullPolicy;
    expect(pull('nginx')).toBe('Always');
    expect(pull('nginx:latest')).toBe('Always');
    expect(pull('localhost:5000/nginx')).toBe('Always');
    expect(pull('nginx:1.25')).toBe('IfNotPresent');
    expect(pull('localhost:5000/nginx:1.25')).toBe('IfNotPresent');
    expect(pull('nginx@sha256:0123')).toBe('IfNotPresent');
    expect(imageTag('registry.k8s.io/nginx-slim:0.21')).toBe('0.21');
  });

  it('fills probe timings and the HTTP scheme', () => {
    const pod = applyDefaults(obj('Pod', 'v1', { spec: { containers: [{ name: 'c', image: 'httpd:2', readinessProbe: { httpGet: { port: 80 } } }] } }));
    const probe = (pod['spec'] as { containers: { readinessProbe: unknown }[] }).containers[0]?.readinessProbe;
    expect(probe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  });

  it('gives Pods (not templates) requests copied from limits and enableServiceLinks', () => {
    const containers = [{ name: 'c', image: 'busybox:1.36', resources: { limits: { cpu: '1', memory: '64Mi' } } }];
    const pod = applyDefaults(obj('Pod', 'v1', { spec: { containers } }))['spec'] as { containers: { resources: unknown }[]; enableServiceLinks: boolean };
    expect(pod.containers[0]?.resources).toEqual({ limits: { cpu: '1', memory: '64Mi' }, requests: { cpu: '1', memory: '64Mi' } });
    expect(pod.enableServiceLinks).toBe(true);
    const deploy = applyDefaults(obj('Deployment', 'apps/v1', { spec: { template: template(containers) } }));
    const tpl = (deploy['spec'] as { template: { spec: { containers: { resources: unknown }[]; enableServiceLinks?: boolean } } }).template.spec;
    expect(tpl.containers[0]?.resources).toEqual({ limits: { cpu: '1', memory: '64Mi' } });
    expect(tpl.enableServiceLinks).toBeUndefined();
  });

  it('turns a volume without a source into an emptyDir and sets secret file modes', () => {
    const pod = applyDefaults(obj('Pod', 'v1', { spec: { containers: [], volumes: [{ name: 'scratch' }, { name: 's', secret: { secretName: 'db' } }] } }));
    expect((pod['spec'] as { volumes: unknown }).volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 's', secret: { secretName: 'db', defaultMode: 420 } },
    ]);
  });

  it('fills a headless Service and a ClusterIP Service', () => {
    const headless = applyDefaults(obj('Service', 'v1', { spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80 }] } }));
    expect(headless['spec']).toEqual({
      clusterIP: 'None',
      clusterIPs: ['None'],
      selector: { app: 'nginx' },
      ports: [{ name: 'web', port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
    const named = applyDefaults(obj('Service', 'v1', { spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] } }))['spec'] as Record<string, unknown>;
    expect(named['ports']).toEqual([{ port: 80, targetPort: 'http', protocol: 'TCP' }]);
    expect(named['externalTrafficPolicy']).toBe('Cluster');
    expect(named['clusterIPs']).toBeUndefined();
  });

  it('fills claims, volumes and storage classes', () => {
    const pvc = applyDefaults(obj('PersistentVolumeClaim', 'v1', { spec: { accessModes: ['ReadWriteOnce'] } }));
    expect(pvc['spec']).toEqual({ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' });
    expect(pvc['status']).toEqual({ phase: 'Pending' });
    const pv = applyDefaults(obj('PersistentVolume', 'v1', { spec: { hostPath: { path: '/data/vol/pv-0' } } }));
    expect(pv['spec']).toEqual({ hostPath: { path: '/data/vol/pv-0', type: '' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    const sc = applyDefaults(obj('StorageClass', 'storage.k8s.io/v1', { provisioner: 'rancher.io/local-path' }));
    expect([sc['reclaimPolicy'], sc['volumeBindingMode']]).toEqual(['Delete', 'Immediate']);
  });

  it('fills Deployments, ReplicaSets and DaemonSets', () => {
    const deploy = applyDefaults(obj('Deployment', 'apps/v1', { spec: { template: template([]) } }))['spec'] as Record<string, unknown>;
    expect(deploy['replicas']).toBe(1);
    expect(deploy['strategy']).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect([deploy['revisionHistoryLimit'], deploy['progressDeadlineSeconds']]).toEqual([10, 600]);
    const recreate = applyDefaults(obj('Deployment', 'apps/v1', { spec: { strategy: { type: 'Recreate' } } }))['spec'] as Record<string, unknown>;
    expect(recreate['strategy']).toEqual({ type: 'Recreate' });
    expect((applyDefaults(obj('ReplicaSet', 'apps/v1', { spec: { template: template([]) } }))['spec'] as Record<string, unknown>)['replicas']).toBe(1);
    const ds = applyDefaults(obj('DaemonSet', 'apps/v1', { spec: { template: template([]) } }))['spec'] as Record<string, unknown>;
    expect(ds['updateStrategy']).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  });

  it('fills a Job and, given its uid, generates its selector and pod labels', () => {
    const job = obj('Job', 'batch/v1', { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'backup', image: 'backup:1' }] } } } }, 'backup');
    const plain = applyDefaults(job)['spec'] as Record<string, unknown>;
    expect([plain['completions'], plain['parallelism'], plain['backoffLimit'], plain['completionMode'], plain['suspend'], plain['podReplacementPolicy']]).toEqual([
      1,
      1,
      6,
      'NonIndexed',
      false,
      'TerminatingOrFailed',
    ]);
    expect(plain['selector']).toBeUndefined();
    const created = applyDefaults({ ...job, metadata: { name: 'backup', uid: 'u-1' } } as KObject);
    const labels = { 'batch.kubernetes.io/controller-uid': 'u-1', 'batch.kubernetes.io/job-name': 'backup', 'controller-uid': 'u-1', 'job-name': 'backup' };
    expect((created['spec'] as { selector: unknown }).selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } });
    expect((created['spec'] as { template: { metadata: { labels: unknown } } }).template.metadata.labels).toEqual(labels);
    expect(created.metadata.labels).toEqual(labels);
    const parallel = applyDefaults(obj('Job', 'batch/v1', { spec: { parallelism: 3, template: { spec: {} } } }))['spec'] as Record<string, unknown>;
    expect([parallel['completions'], parallel['parallelism']]).toEqual([undefined, 3]);
  });

  it('fills a CronJob and the pod template inside its job template', () => {
    const cj = applyDefaults(obj('CronJob', 'batch/v1', { spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { containers: [] } } } } } }));
    const spec = cj['spec'] as Record<string, unknown> & { jobTemplate: { spec: { template: { spec: { restartPolicy: string } } } } };
    expect([spec['concurrencyPolicy'], spec['suspend'], spec['successfulJobsHistoryLimit'], spec['failedJobsHistoryLimit']]).toEqual(['Allow', false, 3, 1]);
    expect(spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Always');
  });

  it('labels a Namespace with its name and leaves a PodDisruptionBudget alone', () => {
    const ns = applyDefaults(obj('Namespace', 'v1', {}, 'shop'));
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop' });
    expect([ns['spec'], ns['status']]).toEqual([{ finalizers: ['kubernetes'] }, { phase: 'Active' }]);
    const pdb = obj('PodDisruptionBudget', 'policy/v1', { spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } });
    expect(applyDefaults(pdb)).toEqual(pdb);
    expect(applyDefaults(obj('Secret', 'v1', {}))['type']).toBe('Opaque');
  });

  it("folds a Secret's stringData into base64 data, as the v1 conversion does", () => {
    const secret = applyDefaults(obj('Secret', 'v1', { data: { user: 'YWRtaW4=' }, stringData: { password: 't0p-Secret', note: 'café' } }));
    expect(secret['data']).toEqual({ user: 'YWRtaW4=', password: 'dDBwLVNlY3JldA==', note: 'Y2Fmw6k=' });
    expect(secret['stringData']).toBeUndefined();
  });

  it('returns a copy, leaves its input alone and is idempotent', () => {
    const before = JSON.stringify(web);
    const once = applyDefaults(web);
    expect(JSON.stringify(web)).toBe(before);
    expect(once).not.toBe(web);
    expect(applyDefaults(once)).toEqual(once);
  });
});
