import { describe, expect, it } from 'vitest';
import { createClusterState } from '../../engine/bootstrap';
import { listObjects } from '../../engine/store';
import { toTimestamp } from '../../model/duration';
import { writableMeta, type KObject } from '../../model/objects';
import { noResourcesMessage, printTable, tableHeader, tableRow } from './getTable';

const EPOCH = Date.parse('2025-01-01T00:00:00Z');
const NOW = EPOCH + 3_600_000; // one hour in
const state = createClusterState();

/** An object created `ageSeconds` before NOW. */
function make(kind: string, apiVersion: string, name: string, fields: Record<string, unknown>, ageSeconds = 30, meta: Record<string, unknown> = {}): KObject {
  return {
    apiVersion,
    kind,
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: toTimestamp(NOW - ageSeconds * 1000), ...meta },
    ...fields,
  };
}

function table(kind: string, objects: KObject[], opts: Partial<Parameters<typeof printTable>[3]> = {}): string {
  return printTable(state, kind, objects, { nowMs: NOW, ...opts });
}

function runningPod(name: string, extra: { restarts?: number; lastFinished?: number; node?: string; ip?: string } = {}): KObject {
  return make('Pod', 'v1', name, {
    spec: { nodeName: extra.node ?? 'node-1', containers: [{ name: 'nginx', image: 'nginx' }] },
    status: {
      phase: 'Running',
      podIP: extra.ip ?? '10.244.1.2',
      podIPs: [{ ip: extra.ip ?? '10.244.1.2' }],
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        {
          name: 'nginx',
          ready: true,
          restartCount: extra.restarts ?? 0,
          image: 'nginx',
          imageID: '',
          state: { running: { startedAt: toTimestamp(NOW - 10_000) } },
          ...(extra.lastFinished !== undefined ? { lastState: { terminated: { exitCode: 1, finishedAt: toTimestamp(NOW - extra.lastFinished * 1000) } } } : {}),
        },
      ],
    },
  }, 125, { labels: { app: 'nginx', 'apps.kubernetes.io/pod-index': '0' } });
}

describe('printTable for pods (R17.1, R17.2, R11.7)', () => {
  it('prints NAME READY STATUS RESTARTS AGE with the restart age', () => {
    expect(table('Pod', [runningPod('web-0'), runningPod('web-1', { restarts: 3, lastFinished: 12 })])).toBe(
      [
        'NAME    READY   STATUS    RESTARTS      AGE',
        'web-0   1/1     Running   0             2m5s',
        'web-1   1/1     Running   3 (12s ago)   2m5s',
      ].join('\n'),
    );
  });

  it('adds IP NODE NOMINATED NODE READINESS GATES with -o wide, <none> when empty', () => {
    const pending = make('Pod', 'v1', 'web-2', { spec: { containers: [{ name: 'nginx', image: 'nginx' }] }, status: { phase: 'Pending' } }, 0);
    expect(table('Pod', [runningPod('web-0'), pending], { wide: true })).toBe(
      [
        'NAME    READY   STATUS    RESTARTS   AGE    IP           NODE     NOMINATED NODE   READINESS GATES',
        'web-0   1/1     Running   0          2m5s   10.244.1.2   node-1   <none>           <none>',
        'web-2   0/1     Pending   0          0s     <none>       <none>   <none>           <none>',
      ].join('\n'),
    );
  });

  it('prepends NAMESPACE for -A, prefixes kinds and appends sorted LABELS', () => {
    expect(table('Pod', [runningPod('web-0')], { withNamespace: true, withKind: true, showLabels: true })).toBe(
      [
        'NAMESPACE   NAME        READY   STATUS    RESTARTS   AGE    LABELS',
        'default     pod/web-0   1/1     Running   0          2m5s   app=nginx,apps.kubernetes.io/pod-index=0',
      ].join('\n'),
    );
  });

  it('prints -L label columns headed by the last path segment and omits the header with --no-headers', () => {
    expect(tableHeader('Pod', { nowMs: NOW, labelColumns: ['apps.kubernetes.io/pod-index', 'tier'] })).toEqual([
      'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'POD-INDEX', 'TIER',
    ]);
    expect(tableRow(state, runningPod('web-0'), { nowMs: NOW, labelColumns: ['apps.kubernetes.io/pod-index', 'tier'] })).toEqual([
      'web-0', '1/1', 'Running', '0', '2m5s', '0', '',
    ]);
    expect(table('Pod', [runningPod('web-0')], { noHeaders: true })).toBe('web-0   1/1   Running   0     2m5s');
  });

  it('shows Terminating for a pod being deleted that is not yet terminal', () => {
    const p = runningPod('web-0');
    writableMeta(p).deletionTimestamp = toTimestamp(NOW + 10_000);
    expect(tableRow(state, p, { nowMs: NOW })[2]).toBe('Terminating');
  });

  it('prints nothing for no objects and says so with noResourcesMessage', () => {
    expect(table('Pod', [])).toBe('');
    expect(noResourcesMessage('default')).toBe('No resources found in default namespace.');
    expect(noResourcesMessage()).toBe('No resources found');
  });
});

const template = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21' }, { name: 'sidecar', image: 'busybox' }] } };

describe('printTable for workloads', () => {
  it('prints StatefulSets as readyReplicas/replicas, 0 when readyReplicas is missing (R17.4)', () => {
    const web = make('StatefulSet', 'apps/v1', 'web', { spec: { replicas: 2, template }, status: { readyReplicas: 2 } }, 600);
    const db = make('StatefulSet', 'apps/v1', 'db', { spec: { replicas: 3, template }, status: {} }, 5);
    expect(table('StatefulSet', [db, web])).toBe('NAME   READY   AGE\ndb     0/3     5s\nweb    2/2     10m');
    expect(table('StatefulSet', [web], { wide: true })).toBe(
      'NAME   READY   AGE   CONTAINERS      IMAGES\nweb    2/2     10m   nginx,sidecar   registry.k8s.io/nginx-slim:0.21,busybox',
    );
  });

  it('prints Deployments and ReplicaSets (R15.7)', () => {
    const deploy = make('Deployment', 'apps/v1', 'web-deploy', {
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, template },
      status: { readyReplicas: 1, updatedReplicas: 3, availableReplicas: 1 },
    });
    expect(table('Deployment', [deploy], { wide: true })).toBe(
      [
        'NAME         READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS      IMAGES                                    SELECTOR',
        'web-deploy   1/3     3            1           30s   nginx,sidecar   registry.k8s.io/nginx-slim:0.21,busybox   app=nginx',
      ].join('\n'),
    );
    const rs = make('ReplicaSet', 'apps/v1', 'web-deploy-7c5ddbdf54', {
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': '7c5ddbdf54' } }, template },
      status: { replicas: 3, readyReplicas: 1 },
    });
    expect(table('ReplicaSet', [rs])).toBe('NAME                    DESIRED   CURRENT   READY   AGE\nweb-deploy-7c5ddbdf54   3         3         1       30s');
  });

  it('prints Jobs with status, completions and duration (R16.4)', () => {
    const done = make('Job', 'batch/v1', 'pi', {
      spec: { completions: 1, template },
      status: { succeeded: 1, startTime: toTimestamp(NOW - 30_000), completionTime: toTimestamp(NOW - 20_000), conditions: [{ type: 'Complete', status: 'True' }] },
    });
    const queue = make('Job', 'batch/v1', 'queue', { spec: { parallelism: 2, template }, status: { succeeded: 0, startTime: toTimestamp(NOW - 5_000) } }, 5);
    expect(table('Job', [done, queue])).toBe(
      ['NAME    STATUS     COMPLETIONS   DURATION   AGE', 'pi      Complete   1/1           10s        30s', 'queue   Running    0/1 of 2      5s         5s'].join('\n'),
    );
  });

  it('prints CronJobs with <none> time zone and last schedule (R16.5)', () => {
    const hello = make('CronJob', 'batch/v1', 'hello', { spec: { schedule: '*/1 * * * *', suspend: false, jobTemplate: { spec: { template } } }, status: {} }, 90);
    expect(table('CronJob', [hello])).toBe(
      'NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */1 * * * *   <none>     False     0        <none>          90s',
    );
  });

  it('names the controlling StatefulSet of a ControllerRevision (R8.1)', () => {
    const rev = make('ControllerRevision', 'apps/v1', 'web-7d5d8b5c9c', { revision: 1 }, 30, {
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'uid-web', controller: true }],
    });
    expect(table('ControllerRevision', [rev])).toBe('NAME             CONTROLLER             REVISION   AGE\nweb-7d5d8b5c9c   statefulset.apps/web   1          30s');
  });
});

describe('printTable for storage (R17.5, R9.1)', () => {
  function claim(name: string, volume: string, ageSeconds: number): KObject {
    return make('PersistentVolumeClaim', 'v1', name, {
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeName: volume, volumeMode: 'Filesystem' },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
    }, ageSeconds, { labels: { app: 'nginx' } });
  }

  it("prints S01's `kubectl get pvc -l app=nginx` rows: Bound, 1Gi, RWO, standard, <unset>", () => {
    const claims = [claim('www-web-0', 'pvc-e9a23104-d018-4d73-8cd9-89e5ea67f96c', 39 * 60), claim('www-web-1', 'pvc-00dd6c87-6d95-4d04-9c1b-49b43441f4a1', 38 * 60)];
    const out = table('PersistentVolumeClaim', claims);
    expect(out).toBe(
      [
        'NAME        STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
        'www-web-0   Bound    pvc-e9a23104-d018-4d73-8cd9-89e5ea67f96c   1Gi        RWO            standard       <unset>                 39m',
        'www-web-1   Bound    pvc-00dd6c87-6d95-4d04-9c1b-49b43441f4a1   1Gi        RWO            standard       <unset>                 38m',
      ].join('\n'),
    );
    // Without the v1.29+ VOLUMEATTRIBUTESCLASS column the rows are seed 002's, byte for byte.
    expect(out.split('\n').slice(1).map((l) => l.replace('<unset>                 ', ''))).toEqual([
      'www-web-0   Bound    pvc-e9a23104-d018-4d73-8cd9-89e5ea67f96c   1Gi        RWO            standard       39m',
      'www-web-1   Bound    pvc-00dd6c87-6d95-4d04-9c1b-49b43441f4a1   1Gi        RWO            standard       38m',
    ]);
  });

  it('leaves VOLUME, CAPACITY and ACCESS MODES blank until bound and shows Terminating when deleting', () => {
    const pending = make('PersistentVolumeClaim', 'v1', 'data', {
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' },
      status: { phase: 'Pending' },
    });
    const deleting = claim('www-web-3', 'pvc-1', 60);
    writableMeta(deleting).deletionTimestamp = toTimestamp(NOW);
    expect(table('PersistentVolumeClaim', [pending, deleting])).toBe(
      [
        'NAME        STATUS        VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
        'data        Pending                                          standard       <unset>                 30s',
        'www-web-3   Terminating   pvc-1    1Gi        RWO            standard       <unset>                 60s',
      ].join('\n'),
    );
  });

  it('prints PVs with CLAIM ns/name, empty REASON and Terminating when deleting (R9.7)', () => {
    const pv = make('PersistentVolume', 'v1', 'pvc-1', {
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce', 'ReadWriteOncePod'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', claimRef: { namespace: 'default', name: 'www-web-0' } },
      status: { phase: 'Bound' },
    }, 30, { namespace: undefined });
    const released = make('PersistentVolume', 'v1', 'pv-a', {
      spec: { capacity: { storage: '1024Mi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: 'default', name: 'old' } },
      status: { phase: 'Released' },
    }, 30, { namespace: undefined, deletionTimestamp: toTimestamp(NOW) });
    expect(table('PersistentVolume', [pv, released])).toBe(
      [
        'NAME    CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS        CLAIM               STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE',
        'pvc-1   1Gi        RWO,RWOP       Delete           Bound         default/www-web-0   standard       <unset>                          30s',
        'pv-a    1Gi        RWO            Retain           Terminating   default/old                        <unset>                          30s',
      ].join('\n'),
    );
  });

  it('marks the default StorageClass (R9.1)', () => {
    expect(table('StorageClass', listObjects(state, 'StorageClass'))).toBe(
      [
        'NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE',
        'local-path           rancher.io/local-path   Delete          WaitForFirstConsumer   false                  60m',
        'standard (default)   sim.csi/net-block       Delete          WaitForFirstConsumer   true                   60m',
      ].join('\n'),
    );
  });
});

describe('printTable for services and endpoints (R14.1)', () => {
  it('prints headless services with None and NodePorts as port:nodePort', () => {
    const nginx = make('Service', 'v1', 'nginx', { spec: { clusterIP: 'None', clusterIPs: ['None'], type: 'ClusterIP', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80, protocol: 'TCP' }] } });
    const np = make('Service', 'v1', 'web-np', { spec: { clusterIP: '10.96.12.7', clusterIPs: ['10.96.12.7'], type: 'NodePort', selector: { app: 'nginx' }, ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] } });
    expect(table('Service', [nginx, np], { wide: true })).toBe(
      [
        'NAME     TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)               AGE   SELECTOR',
        'nginx    ClusterIP   None         <none>        80/TCP                30s   app=nginx',
        'web-np   NodePort    10.96.12.7   <none>        80:30080/TCP,53/UDP   30s   app=nginx',
      ].join('\n'),
    );
  });

  it('prints <pending> for a LoadBalancer without address and clips long ones outside -o wide', () => {
    const pending = make('Service', 'v1', 'lb', { spec: { type: 'LoadBalancer', clusterIP: '10.96.0.9', clusterIPs: ['10.96.0.9'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] }, status: { loadBalancer: {} } });
    const long = make('Service', 'v1', 'lb2', {
      spec: { type: 'LoadBalancer', clusterIP: '10.96.0.8', clusterIPs: ['10.96.0.8'], ports: [{ port: 80, nodePort: 31001, protocol: 'TCP' }] },
      status: { loadBalancer: { ingress: [{ hostname: 'a1b2c3.elb.example.com' }] } },
    });
    expect(tableRow(state, pending, { nowMs: NOW })[3]).toBe('<pending>');
    expect(tableRow(state, long, { nowMs: NOW })[3]).toBe('a1b2c3.elb.ex...');
    expect(tableRow(state, long, { nowMs: NOW, wide: true })[3]).toBe('a1b2c3.elb.example.com');
  });

  it('prints at most three endpoints, then + N more..., and <none> without subsets', () => {
    const addresses = [2, 3, 4, 5].map((n) => ({ ip: `10.244.${n}.2` }));
    const many = make('Endpoints', 'v1', 'nginx', { subsets: [{ addresses, ports: [{ name: 'web', port: 80, protocol: 'TCP' }] }] });
    const two = make('Endpoints', 'v1', 'two', { subsets: [{ addresses: addresses.slice(0, 2), ports: [{ port: 80 }] }] });
    const none = make('Endpoints', 'v1', 'empty', {});
    expect(table('Endpoints', [many, two, none])).toBe(
      [
        'NAME    ENDPOINTS                                               AGE',
        'nginx   10.244.2.2:80,10.244.3.2:80,10.244.4.2:80 + 1 more...   30s',
        'two     10.244.2.2:80,10.244.3.2:80                             30s',
        'empty   <none>                                                  30s',
      ].join('\n'),
    );
  });

  it('prints EndpointSlices with address type, ports and endpoints', () => {
    const slice = make('EndpointSlice', 'discovery.k8s.io/v1', 'nginx-abcde', {
      addressType: 'IPv4',
      ports: [{ name: 'web', port: 80, protocol: 'TCP' }],
      endpoints: [{ addresses: ['10.244.1.2'] }, { addresses: ['10.244.2.2'] }],
    });
    const empty = make('EndpointSlice', 'discovery.k8s.io/v1', 'x-fghjk', { addressType: 'IPv4', ports: [], endpoints: [] });
    expect(table('EndpointSlice', [slice, empty])).toBe(
      ['NAME          ADDRESSTYPE   PORTS     ENDPOINTS               AGE', 'nginx-abcde   IPv4          80        10.244.1.2,10.244.2.2   30s', 'x-fghjk       IPv4          <unset>   <unset>                 30s'].join(
        '\n',
      ),
    );
  });
});

describe('printTable for cluster objects', () => {
  it('prints nodes NotReady and SchedulingDisabled and their roles (R17.6)', () => {
    const [n1, n2] = listObjects(state, 'Node').map((n) => JSON.parse(JSON.stringify(n)) as KObject & { spec: { unschedulable?: boolean }; status: { conditions: { type: string; status: string }[] } });
    if (!n1 || !n2) throw new Error('nodes missing');
    n1.spec.unschedulable = true;
    n2.status.conditions = n2.status.conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'Unknown' } : c));
    n2.metadata.labels = { ...n2.metadata.labels, 'node-role.kubernetes.io/worker': '' };
    expect(table('Node', [n1, n2])).toBe(
      ['NAME     STATUS                     ROLES    AGE   VERSION', 'node-1   Ready,SchedulingDisabled   <none>   60m   v1.33.1', 'node-2   NotReady                   worker   60m   v1.33.1'].join('\n'),
    );
  });

  it('prints namespaces, configmaps and secrets', () => {
    expect(table('Namespace', listObjects(state, 'Namespace').slice(0, 1))).toBe('NAME      STATUS   AGE\ndefault   Active   60m');
    const cm = make('ConfigMap', 'v1', 'conf', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } });
    expect(table('ConfigMap', [cm])).toBe('NAME   DATA   AGE\nconf   3      30s');
    const secret = make('Secret', 'v1', 'pw', { type: 'Opaque', data: { password: 'cGFzcw==' } });
    expect(table('Secret', [secret])).toBe('NAME   TYPE     DATA   AGE\npw     Opaque   1      30s');
  });

  it('prints PodDisruptionBudgets with N/A for the unset bound (R13.3)', () => {
    const pdb = make('PodDisruptionBudget', 'policy/v1', 'zk-pdb', { spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'zk' } } }, status: { disruptionsAllowed: 1 } });
    const pct = make('PodDisruptionBudget', 'policy/v1', 'web-pdb', { spec: { minAvailable: '50%' }, status: {} });
    expect(table('PodDisruptionBudget', [pdb, pct])).toBe(
      ['NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE', 'zk-pdb    N/A             1                 1                     30s', 'web-pdb   50%             N/A               0                     30s'].join('\n'),
    );
  });

  it('falls back to NAME AGE for kinds without a printer', () => {
    expect(table('Widget', [make('Widget', 'example.com/v1', 'w', {})])).toBe('NAME   AGE\nw      30s');
  });
});
