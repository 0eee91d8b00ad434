import { describe as group, expect, it } from 'vitest';
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import { createClusterState } from '../../engine/bootstrap';
import type { ClusterState } from '../../engine/clusterState';
import { recordEvent } from '../../engine/recorder';
import { createObject } from '../../engine/store';
import { ownerRef, type KObject } from '../../model/objects';
import { describe } from './describe';

function webSet(state: ClusterState, partition: number): StatefulSet & KObject {
  return createObject<StatefulSet & KObject>(state, {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      serviceName: 'nginx',
      replicas: 2,
      podManagementPolicy: 'OrderedReady',
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'nginx' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          terminationGracePeriodSeconds: 10,
          containers: [
            {
              name: 'nginx',
              image: 'registry.k8s.io/nginx-slim:0.21',
              ports: [{ name: 'web', containerPort: 80, protocol: 'TCP' }],
              volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
            },
          ],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
    status: { replicas: 2, readyReplicas: 2 },
  });
}

function pod(state: ClusterState, name: string, owner: KObject | undefined, phase: string, labels = { app: 'nginx' }): void {
  createObject(state, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels, ...(owner ? { ownerReferences: [ownerRef(owner)] } : {}) },
    spec: { containers: [{ name: 'nginx', image: 'x' }] },
    status: { phase },
  });
}

group('describe statefulset (R17.8)', () => {
  it('renders the kubectl layout with pod template, volume claims and controller events', () => {
    const state = createClusterState();
    const sts = webSet(state, 0);
    pod(state, 'web-0', sts, 'Running');
    pod(state, 'web-1', sts, 'Pending');
    pod(state, 'stray', undefined, 'Running');
    for (const [at, message] of [
      [0, 'create Claim www-web-0 Pod web-0 in StatefulSet web success'],
      [0, 'create Pod web-0 in StatefulSet web successful'],
      [4000, 'create Claim www-web-1 Pod web-1 in StatefulSet web success'],
      [4000, 'create Pod web-1 in StatefulSet web successful'],
    ] as const) {
      state.now = at;
      recordEvent(state, sts, 'Normal', 'SuccessfulCreate', message, 'statefulset-controller');
    }
    state.now = 64_000;
    expect(describe(state, sts)).toBe(
      [
        'Name:               web',
        'Namespace:          default',
        'CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000',
        'Selector:           app=nginx',
        'Labels:             <none>',
        'Annotations:        <none>',
        'Replicas:           2 desired | 2 total',
        'Update Strategy:    RollingUpdate',
        'Pods Status:        1 Running / 1 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:  app=nginx',
        '  Containers:',
        '   nginx:',
        '    Image:        registry.k8s.io/nginx-slim:0.21',
        '    Port:         80/TCP',
        '    Host Port:    0/TCP',
        '    Environment:  <none>',
        '    Mounts:',
        '      /usr/share/nginx/html from www (rw)',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Volume Claims:',
        '  Name:          www',
        '  StorageClass:  ',
        '  Labels:        <none>',
        '  Annotations:   <none>',
        '  Capacity:      1Gi',
        '  Access Modes:  [ReadWriteOnce]',
        'Events:',
        '  Type    Reason            Age   From                    Message',
        '  ----    ------            ----  ----                    -------',
        '  Normal  SuccessfulCreate  64s   statefulset-controller  create Claim www-web-0 Pod web-0 in StatefulSet web success',
        '  Normal  SuccessfulCreate  64s   statefulset-controller  create Pod web-0 in StatefulSet web successful',
        '  Normal  SuccessfulCreate  60s   statefulset-controller  create Claim www-web-1 Pod web-1 in StatefulSet web success',
        '  Normal  SuccessfulCreate  60s   statefulset-controller  create Pod web-1 in StatefulSet web successful',
        '',
      ].join('\n'),
    );
  });

  it('prints the Partition line under Update Strategy only when it is not zero (R1.1)', () => {
    const state = createClusterState();
    const sts = webSet(state, 2);
    expect(describe(state, sts)).toContain('Update Strategy:    RollingUpdate\n  Partition:        2\nPods Status:');
  });
});
