import { describe, expect, it } from 'vitest';
import { getCondition } from '../../model/pod';
import { addedOrder, eventLines, outputOf, pod, podTimeline, runScenarioText } from '../../testing/scenarioHarness';
import s01 from './s01-ordered-creation.yaml?raw';
import s02 from './s02-identity.yaml?raw';
import s03 from './s03-dns.yaml?raw';
import s05 from './s05-data-survives.yaml?raw';

describe('S01 ordered creation with OrderedReady', () => {
  const result = runScenarioText(s01);

  it('acknowledges the Service and the StatefulSet in file order', () => {
    // The open `-w` stream prints its rows right after, in the same terminal.
    expect(outputOf(result, 'kubectl apply -f web.yaml').split('\n').slice(0, 2)).toEqual(['service/nginx created', 'statefulset.apps/web created']);
  });

  it('creates each claim before its pod, web-0 before web-1', () => {
    expect(eventLines(result, 'statefulset/web')).toEqual([
      'SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'SuccessfulCreate create Pod web-1 in StatefulSet web successful',
    ]);
  });

  it('streams the watch rows of the tutorial: Pending, Pending, ContainerCreating, Running for web-0 then web-1', () => {
    const watch = outputOf(result, 'kubectl get pods -w') + '\n' + outputOf(result, 'kubectl apply') + '\n' + outputOf(result, 'sim wait --stable');
    const rows = watch
      .split('\n')
      .filter((l) => /^web-\d/.test(l))
      .map((l) => l.trim().split(/\s+/).slice(0, 4).join(' '));
    expect(rows).toEqual([
      'web-0 0/1 Pending 0',
      'web-0 0/1 Pending 0',
      'web-0 0/1 ContainerCreating 0',
      'web-0 1/1 Running 0',
      'web-1 0/1 Pending 0',
      'web-1 0/1 Pending 0',
      'web-1 0/1 ContainerCreating 0',
      'web-1 1/1 Running 0',
    ]);
    expect(watch.split('\n').find((l) => l.startsWith('NAME'))).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(watch).toMatch(/web-0\s+1\/1\s+Running\s+0\s+3s/);
  });

  it('creates web-1 only after web-0 became Ready', () => {
    const web0 = pod(result, 'web-0');
    const web1 = pod(result, 'web-1');
    const readyAt = Date.parse(getCondition(web0 ?? {}, 'Ready')?.lastTransitionTime ?? '');
    expect(Date.parse(web1?.metadata.creationTimestamp ?? '')).toBeGreaterThanOrEqual(readyAt);
    expect(addedOrder(result)).toEqual(['web-0', 'web-1']);
  });

  it('provisions www-web-0 before scheduling web-0', () => {
    const reasons = eventLines(result, 'persistentvolumeclaim/www-web-0').map((l) => l.split(' ')[0]);
    expect(reasons.filter((r) => r !== 'WaitForFirstConsumer')).toEqual(['WaitForPodScheduled', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
    const all = result.state.events.map((e) => `${e.involved.name}:${e.reason}`);
    expect(all.indexOf('web-0:Scheduled')).toBeGreaterThan(all.indexOf('www-web-0:ProvisioningSucceeded'));
    expect(eventLines(result, 'pod/web-0')[0]).toMatch(/^Scheduled Successfully assigned default\/web-0 to node-\d$/);
  });

  it('ends with 2/2 ready, a headless Service and two bound claims', () => {
    expect(outputOf(result, 'kubectl get sts web')).toMatch(/^NAME\s+READY\s+AGE\nweb\s+2\/2\s+\d+s$/);
    expect(outputOf(result, 'kubectl get svc nginx')).toMatch(/nginx\s+ClusterIP\s+None\s+<none>\s+80\/TCP/);
    const pvc = outputOf(result, 'kubectl get pvc -l app=nginx').split('\n');
    expect(pvc[0]).toMatch(/^NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE$/);
    expect(pvc[1]).toMatch(/^www-web-0\s+Bound\s+pvc-[0-9a-f-]{36}\s+1Gi\s+RWO\s+standard\s+<unset>\s+\d+s$/);
    expect(pvc[2]).toMatch(/^www-web-1\s+Bound\s+pvc-[0-9a-f-]{36}\s+1Gi\s+RWO\s+standard\s+<unset>\s+\d+s$/);
  });
});

describe('S02 pod identity fields', () => {
  const result = runScenarioText(s02);
  const web1 = pod(result, 'web-1');

  it('labels, hostname, subdomain, owner and claim volume of web-1', () => {
    const rev = result.state.objects['StatefulSet']?.['default/web'] as { status?: { currentRevision?: string; updateRevision?: string }; metadata: { uid?: string } };
    expect(web1?.metadata.labels).toMatchObject({
      app: 'nginx',
      'statefulset.kubernetes.io/pod-name': 'web-1',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': rev.status?.currentRevision,
    });
    expect(rev.status?.currentRevision).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(rev.status?.currentRevision).toBe(rev.status?.updateRevision);
    expect(web1?.spec?.hostname).toBe('web-1');
    expect(web1?.spec?.subdomain).toBe('nginx');
    expect(web1?.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: rev.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(web1?.spec?.volumes).toContainEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
  });

  it('answers hostname and hostname -f inside the pod', () => {
    expect(outputOf(result, 'kubectl exec web-1 -- hostname')).toBe('web-1');
    expect(outputOf(result, 'kubectl exec web-1 -- hostname -f')).toBe('web-1.nginx.default.svc.cluster.local');
  });

  it('keeps the claim unowned under Retain/Retain and records one revision', () => {
    const claim = result.state.objects['PersistentVolumeClaim']?.['default/www-web-1'];
    expect(claim?.metadata.labels).toMatchObject({ app: 'nginx' });
    expect(claim?.metadata.ownerReferences).toBeUndefined();
    const revs = outputOf(result, 'kubectl get controllerrevisions').split('\n');
    expect(revs).toHaveLength(2);
    expect(revs[1]).toMatch(/^web-\w+\s+statefulset\.apps\/web\s+1\s+\d+s$/);
  });

  it('shows the API server defaults in the StatefulSet YAML', () => {
    const yaml = outputOf(result, 'kubectl get sts web -o yaml');
    expect(yaml).toContain('podManagementPolicy: OrderedReady');
    expect(yaml).toMatch(/updateStrategy:\n\s+rollingUpdate:\n\s+partition: 0\n\s+type: RollingUpdate/);
    expect(yaml).toContain('revisionHistoryLimit: 10');
    expect(yaml).toMatch(/persistentVolumeClaimRetentionPolicy:\n\s+whenDeleted: Retain\n\s+whenScaled: Retain/);
  });
});

describe('S03 headless Service DNS vs ClusterIP Service', () => {
  const result = runScenarioText(s03);
  const ip0 = pod(result, 'web-0')?.status?.podIP;
  const ip1 = pod(result, 'web-1')?.status?.podIP;
  const cip = (result.state.objects['Service']?.['default/nginx-cip'] as unknown as { spec: { clusterIP: string } }).spec.clusterIP;

  it('answers the headless name with every ready pod and per-pod names with one', () => {
    expect(outputOf(result, 'sim dns nginx.default.svc.cluster.local A').split('\n').sort()).toEqual([ip0, ip1].sort());
    expect(outputOf(result, 'sim dns web-0.nginx A')).toBe(ip0);
    expect(outputOf(result, 'sim dns web-1.nginx.default.svc.cluster.local A')).toBe(ip1);
    expect(outputOf(result, 'sim dns web-2.nginx.default.svc.cluster.local A')).toBe('NXDOMAIN');
  });

  it('serves SRV records per pod for headless and one for ClusterIP', () => {
    const srv = outputOf(result, 'sim dns _web._tcp.nginx.default.svc.cluster.local SRV').split('\n');
    expect(srv).toHaveLength(2);
    expect(srv.map((l) => l.split(' ').slice(2).join(' ')).sort()).toEqual([
      '80 web-0.nginx.default.svc.cluster.local.',
      '80 web-1.nginx.default.svc.cluster.local.',
    ]);
    expect(outputOf(result, 'sim dns nginx-cip.default.svc.cluster.local A', 0)).toBe(cip);
    const cipSrv = outputOf(result, 'sim dns _web._tcp.nginx-cip.default.svc.cluster.local SRV').split('\n');
    expect(cipSrv).toHaveLength(1);
    expect(cipSrv[0]).toMatch(/ 80 nginx-cip\.default\.svc\.cluster\.local\.$/);
  });

  it('drops an unready pod from headless answers but not from the ClusterIP name', () => {
    expect(outputOf(result, 'sim dns nginx.default.svc.cluster.local A', 1)).toBe(ip0);
    expect(outputOf(result, 'sim dns web-1.nginx A')).toBe('NXDOMAIN');
    expect(outputOf(result, 'sim dns nginx-cip.default.svc.cluster.local A', 1)).toBe(cip);
    expect(outputOf(result, 'kubectl get sts web')).toMatch(/web\s+1\/2/);
  });
});

describe('S05 data survives pod deletion', () => {
  const result = runScenarioText(s05);

  it('reads back what each pod wrote on its volume after both pods were replaced', () => {
    expect(outputOf(result, 'kubectl exec web-0 -- curl -s http://localhost/')).toBe('web-0');
    expect(outputOf(result, 'kubectl exec web-1 -- curl -s http://localhost/')).toBe('web-1');
  });

  it('loses files written outside the volume', () => {
    expect(outputOf(result, 'kubectl exec web-0 -- cat /tmp/scratch.txt')).toMatch(/No such file or directory/);
  });

  it('replaces the pods under the same names with new UIDs', () => {
    const deleted = podTimeline(result).filter((l) => l.startsWith('DELETED'));
    expect(deleted.map((l) => l.split(' ')[1])).toEqual(expect.arrayContaining(['web-0', 'web-1']));
    expect(outputOf(result, 'kubectl delete pod -l app=nginx')).toMatch(/^pod "web-0" deleted from default namespace\npod "web-1" deleted from default namespace/);
  });
});
