import { describe as group, expect, it } from 'vitest';
import { createClusterState } from '../../engine/bootstrap';
import { createObject, getObject, listObjects, updateObject } from '../../engine/store';
import { ownerRef, type KObject } from '../../model/objects';
import { describe } from './describe';

const template = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '500m', memory: '128Mi' }, limits: { memory: '256Mi' } } }] },
};

group('describe for storage objects', () => {
  it('describes a bound PVC with its finalizer and the pod using it', () => {
    const state = createClusterState();
    const pvc = createObject(state, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'www-web-0', namespace: 'default', labels: { app: 'nginx' }, finalizers: ['kubernetes.io/pvc-protection'] },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeName: 'pvc-1', volumeMode: 'Filesystem' },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
    });
    createObject(state, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-0', namespace: 'default' },
      spec: { containers: [{ name: 'nginx', image: 'x' }], volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }] },
    });
    expect(describe(state, pvc)).toBe(
      [
        'Name:          www-web-0',
        'Namespace:     default',
        'StorageClass:  standard',
        'Status:        Bound',
        'Volume:        pvc-1',
        'Labels:        app=nginx',
        'Annotations:   <none>',
        'Finalizers:    [kubernetes.io/pvc-protection]',
        'Capacity:      1Gi',
        'Access Modes:  RWO',
        'VolumeMode:    Filesystem',
        'Used By:       web-0',
        'Events:        <none>',
        '',
      ].join('\n'),
    );
  });

  it('describes a local PV with its node affinity', () => {
    const state = createClusterState();
    const pv = createObject(state, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pvc-2', finalizers: ['kubernetes.io/pv-protection'] },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'local-path',
        volumeMode: 'Filesystem',
        claimRef: { namespace: 'default', name: 'www-web-0' },
        hostPath: { path: '/var/local-path-provisioner/pvc-2', type: 'DirectoryOrCreate' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-2'] }] }] } },
      },
      status: { phase: 'Bound' },
    });
    expect(describe(state, pv)).toBe(
      [
        'Name:              pvc-2',
        'Labels:            <none>',
        'Annotations:       <none>',
        'Finalizers:        [kubernetes.io/pv-protection]',
        'StorageClass:      local-path',
        'Status:            Bound',
        'Claim:             default/www-web-0',
        'Reclaim Policy:    Delete',
        'Access Modes:      RWO',
        'VolumeMode:        Filesystem',
        'Capacity:          1Gi',
        'Node Affinity:     ',
        '  Required Terms:  ',
        '    Term 0:        kubernetes.io/hostname in [node-2]',
        'Message:           ',
        'Source:',
        '    Type:          HostPath (bare host directory volume)',
        '    Path:          /var/local-path-provisioner/pvc-2',
        '    HostPathType:  DirectoryOrCreate',
        'Events:            <none>',
        '',
      ].join('\n'),
    );
  });

  it('describes the default StorageClass', () => {
    const state = createClusterState();
    const sc = getObject<KObject>(state, 'StorageClass', undefined, 'standard');
    if (!sc) throw new Error('no storage class');
    expect(describe(state, sc)).toBe(
      [
        'Name:                  standard',
        'IsDefaultClass:        Yes',
        'Annotations:           storageclass.kubernetes.io/is-default-class=true',
        'Provisioner:           sim.csi/net-block',
        'Parameters:            <none>',
        'AllowVolumeExpansion:  True',
        'MountOptions:          <none>',
        'ReclaimPolicy:         Delete',
        'VolumeBindingMode:     WaitForFirstConsumer',
        'Events:                <none>',
        '',
      ].join('\n'),
    );
  });
});

group('describe service and endpoints', () => {
  it('lists ready endpoints per port from the EndpointSlices of a headless Service', () => {
    const state = createClusterState();
    const svc = createObject(state, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
      spec: { clusterIP: 'None', clusterIPs: ['None'], type: 'ClusterIP', selector: { app: 'nginx' }, ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ports: [{ name: 'web', port: 80, protocol: 'TCP', targetPort: 80 }] },
    });
    createObject(state, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'nginx-x8k2m', namespace: 'default', labels: { 'kubernetes.io/service-name': 'nginx' } },
      addressType: 'IPv4',
      ports: [{ name: 'web', port: 80, protocol: 'TCP' }],
      endpoints: [
        { addresses: ['10.244.1.2'], conditions: { ready: true } },
        { addresses: ['10.244.2.2'], conditions: { ready: true } },
        { addresses: ['10.244.3.2'], conditions: { ready: false } },
      ],
    });
    expect(describe(state, svc)).toBe(
      [
        'Name:                     nginx',
        'Namespace:                default',
        'Labels:                   app=nginx',
        'Annotations:              <none>',
        'Selector:                 app=nginx',
        'Type:                     ClusterIP',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        'IP:                       None',
        'IPs:                      None',
        'Port:                     web  80/TCP',
        'TargetPort:               80/TCP',
        'Endpoints:                10.244.1.2:80,10.244.2.2:80',
        'Session Affinity:         None',
        'Internal Traffic Policy:  Cluster',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
  });

  it('describes Endpoints subsets and EndpointSlice endpoints', () => {
    const state = createClusterState();
    const ep = createObject(state, {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'nginx', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '10.244.1.2' }], notReadyAddresses: [{ ip: '10.244.2.2' }], ports: [{ name: 'web', port: 80, protocol: 'TCP' }] }],
    });
    expect(describe(state, ep)).toBe(
      [
        'Name:         nginx',
        'Namespace:    default',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Subsets:',
        '  Addresses:          10.244.1.2',
        '  NotReadyAddresses:  10.244.2.2',
        '  Ports:',
        '    Name  Port  Protocol',
        '    ----  ----  --------',
        '    web   80    TCP',
        '',
        'Events:  <none>',
        '',
      ].join('\n'),
    );
    const slice = createObject(state, {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'nginx-x8k2m', namespace: 'default' },
      addressType: 'IPv4',
      ports: [{ name: 'web', port: 80, protocol: 'TCP' }],
      endpoints: [{ addresses: ['10.244.1.2'], conditions: { ready: true }, hostname: 'web-0', targetRef: { kind: 'Pod', name: 'web-0' }, nodeName: 'node-1', zone: 'a' }],
    });
    expect(describe(state, slice)).toContain(['Endpoints:', '  - Addresses:  10.244.1.2', '    Conditions:', '      Ready:    true', '    Hostname:   web-0', '    TargetRef:  Pod/web-0', '    NodeName:   node-1', '    Zone:       a'].join('\n'));
  });
});

group('describe node', () => {
  it('shows taints, cordon, lease, the pods bound to it and the allocated resources', () => {
    const state = createClusterState();
    updateObject<KObject & { spec: Record<string, unknown> }>(state, 'Node', undefined, 'node-2', (n) => {
      n.spec['unschedulable'] = true;
      n.spec['taints'] = [
        { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
      ];
    });
    createObject(state, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: 'default' },
      spec: { nodeName: 'node-2', containers: template.spec.containers },
      status: { phase: 'Running' },
    });
    createObject(state, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'done', namespace: 'default' }, spec: { nodeName: 'node-2', containers: [] }, status: { phase: 'Succeeded' } });
    state.now = 30_000;
    const node = getObject<KObject>(state, 'Node', undefined, 'node-2');
    if (!node) throw new Error('no node');
    const text = describe(state, node);
    expect(text).toContain('Taints:             node.kubernetes.io/unreachable:NoExecute\n                    node.kubernetes.io/unschedulable:NoSchedule\nUnschedulable:      true\n');
    // A running kubelet renews its Lease every 10 s: at t=30 s the last renewal is t=30 s, not the node's creation.
    expect(text).toContain('Lease:\n  HolderIdentity:  node-2\n  AcquireTime:     <unset>\n  RenewTime:       Wed, 01 Jan 2025 00:00:30 +0000\n');
    expect(text).toContain(
      [
        'Non-terminated Pods:          (1 in total)',
        '  Namespace                   Name     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
        '  ---------                   ----     ------------  ----------  ---------------  -------------  ---',
        '  default                     web-1    500m (25%)    0 (0%)      128Mi (3%)       256Mi (6%)     30s',
        'Allocated resources:',
        '  (Total limits may be over 100 percent, i.e., overcommitted.)',
        '  Resource           Requests    Limits',
        '  --------           --------    ------',
        '  cpu                500m (25%)  0 (0%)',
        '  memory             128Mi (3%)  256Mi (6%)',
        '  ephemeral-storage  0 (0%)      0 (0%)',
        'Events:              <none>',
        '',
      ].join('\n'),
    );
  });
});

group('describe workloads', () => {
  it('describes a Deployment with its new and old ReplicaSets', () => {
    const state = createClusterState();
    const deploy = createObject(state, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web-deploy', namespace: 'default' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }, template },
      status: { replicas: 3, updatedReplicas: 3, availableReplicas: 1, unavailableReplicas: 2, conditions: [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' }] },
    });
    const withHash = (hash: string, image: string) => ({
      metadata: { labels: { app: 'web', 'pod-template-hash': hash } },
      spec: { containers: [{ ...template.spec.containers[0], image }] },
    });
    for (const [name, replicas, tpl] of [
      ['web-deploy-6b7f5c9d8', 0, withHash('6b7f5c9d8', 'nginx:1.26')],
      ['web-deploy-7c5ddbdf54', 3, withHash('7c5ddbdf54', 'nginx:1.27')],
    ] as const) {
      createObject(state, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name, namespace: 'default', ownerReferences: [ownerRef(deploy)] },
        spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: tpl },
        status: { replicas },
      });
    }
    const text = describe(state, deploy);
    expect(text).toContain('Replicas:               3 desired | 3 updated | 3 total | 1 available | 2 unavailable\nStrategyType:           RollingUpdate\nMinReadySeconds:        0\nRollingUpdateStrategy:  25% max unavailable, 25% max surge\n');
    expect(text).toContain('Conditions:\n  Type           Status  Reason\n  ----           ------  ------\n  Available      False   MinimumReplicasUnavailable\n');
    expect(text).toContain('OldReplicaSets:  web-deploy-6b7f5c9d8 (0/0 replicas created)\nNewReplicaSet:   web-deploy-7c5ddbdf54 (3/3 replicas created)\n');
    const rs = listObjects(state, 'ReplicaSet')[1] as KObject;
    expect(describe(state, rs)).toContain('Controlled By:  Deployment/web-deploy\nReplicas:       3 current / 3 desired\nPods Status:    0 Running / 0 Waiting / 0 Succeeded / 0 Failed\n');
  });

  it('describes a finished Job and a CronJob', () => {
    const state = createClusterState();
    const job = createObject(state, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pg-backup', namespace: 'default' },
      spec: { parallelism: 1, completions: 1, backoffLimit: 4, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } }, template },
      status: { startTime: '2025-01-01T00:00:00Z', completionTime: '2025-01-01T00:00:07Z', succeeded: 1, ready: 0, conditions: [{ type: 'Complete', status: 'True' }] },
    });
    expect(describe(state, job)).toContain(
      [
        'Parallelism:    1',
        'Completions:    1',
        'Backoff Limit:  4',
        'Start Time:     Wed, 01 Jan 2025 00:00:00 +0000',
        'Completed At:   Wed, 01 Jan 2025 00:00:07 +0000',
        'Duration:       7s',
        'Pods Statuses:  0 Active (0 Ready) / 1 Succeeded / 0 Failed',
        'Pod Template:',
      ].join('\n'),
    );
    const cron = createObject(state, {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'hello', namespace: 'default' },
      spec: { schedule: '*/1 * * * *', concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, jobTemplate: { spec: { template } } },
      status: { lastScheduleTime: '2025-01-01T00:01:00Z', active: [{ kind: 'Job', name: 'hello-28928161' }] },
    });
    const text = describe(state, cron);
    expect(text).toContain('Schedule:                      */1 * * * *\nConcurrency Policy:            Allow\nSuspend:                       False\nTime Zone:                     <unset>\n');
    expect(text).toContain('Last Schedule Time:  Wed, 01 Jan 2025 00:01:00 +0000\nActive Jobs:         hello-28928161\n');
  });

  it('describes a PodDisruptionBudget', () => {
    const state = createClusterState();
    const pdb = createObject(state, {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'zk-pdb', namespace: 'default' },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'zk' } } },
      status: { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 },
    });
    expect(describe(state, pdb)).toBe(
      [
        'Name:             zk-pdb',
        'Namespace:        default',
        'Max unavailable:  1',
        'Selector:         app=zk',
        'Status:',
        '    Allowed disruptions:  1',
        '    Current:              3',
        '    Desired:              2',
        '    Total:                3',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
  });
});

group('describe small and unknown kinds', () => {
  it('describes namespaces, configmaps, secrets and falls back to a generic describer', () => {
    const state = createClusterState();
    const ns = getObject<KObject>(state, 'Namespace', undefined, 'default');
    if (!ns) throw new Error('no namespace');
    expect(describe(state, ns)).toBe('Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n');
    const cm = createObject(state, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf', namespace: 'default' }, data: { 'nginx.conf': 'listen 80;' } });
    expect(describe(state, cm)).toBe('Name:         conf\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\nnginx.conf:\n----\nlisten 80;\n\n\nBinaryData\n====\n\nEvents:  <none>\n');
    const secret = createObject(state, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'pw', namespace: 'default' }, type: 'Opaque', data: { password: 'cGFzcw==' } });
    expect(describe(state, secret)).toBe('Name:         pw\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  4 bytes\n');
    const lease = createObject(state, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1', namespace: 'kube-node-lease' } });
    expect(describe(state, lease)).toBe('Name:         node-1\nNamespace:    kube-node-lease\nLabels:       <none>\nAnnotations:  <none>\nEvents:       <none>\n');
  });
});
