import { describe, expect, it } from 'vitest';
import { endpointSliceController } from '../engine/controllers/endpointSliceController';
import { removeObject } from '../engine/store';
import { addPod, addService, markDeleting, newCluster, setReady, webCluster } from '../shell/testPods';
import { allRecords, candidateNames, formatDigShort, resolve } from './resolve';
import { reverseName } from './dnsRecords';

const WEB0 = '10.244.1.2';
const WEB1 = '10.244.2.2';

function addNginxCip(state: ReturnType<typeof webCluster>): string {
  const svc = addService(state, 'nginx-cip', { selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80, protocol: 'TCP', targetPort: 80 }] });
  endpointSliceController.reconcile(state);
  return svc.spec?.clusterIP as string;
}

function dig(state: ReturnType<typeof webCluster>, name: string, type: 'A' | 'SRV' | 'PTR' = 'A', namespace?: string): string {
  return formatDigShort(resolve(state, name, type, { namespace }), type);
}

describe('resolve (S03: headless Service DNS vs ClusterIP Service)', () => {
  it('answers every row of the S03 table', () => {
    const state = webCluster();
    const cip = addNginxCip(state);
    expect(dig(state, 'nginx.default.svc.cluster.local').split('\n').sort()).toEqual([WEB0, WEB1]);
    expect(dig(state, 'web-0.nginx')).toBe(WEB0);
    expect(dig(state, 'web-1.nginx.default.svc.cluster.local')).toBe(WEB1);
    expect(dig(state, 'web-2.nginx.default.svc.cluster.local')).toBe('NXDOMAIN');
    expect(dig(state, '_web._tcp.nginx.default.svc.cluster.local', 'SRV')).toBe(
      '0 50 80 web-0.nginx.default.svc.cluster.local.\n0 50 80 web-1.nginx.default.svc.cluster.local.',
    );
    expect(dig(state, `${reverseName(WEB0)}`, 'PTR')).toBe('web-0.nginx.default.svc.cluster.local.');
    expect(dig(state, 'nginx-cip.default.svc.cluster.local')).toBe(cip);
    expect(dig(state, '_web._tcp.nginx-cip.default.svc.cluster.local', 'SRV')).toBe('0 100 80 nginx-cip.default.svc.cluster.local.');
    expect(dig(state, '10-244-1-2.default.pod.cluster.local')).toBe(WEB0);
  });

  it('drops a pod that stops being Ready from the headless answers but keeps the cluster IP', () => {
    const state = webCluster();
    const cip = addNginxCip(state);
    setReady(state, 'web-1', false);
    endpointSliceController.reconcile(state);
    expect(dig(state, 'nginx.default.svc.cluster.local')).toBe(WEB0);
    expect(dig(state, 'web-1.nginx.default.svc.cluster.local')).toBe('NXDOMAIN');
    expect(dig(state, 'nginx-cip.default.svc.cluster.local')).toBe(cip);
    expect(dig(state, '_web._tcp.nginx.default.svc.cluster.local', 'SRV')).toBe('0 100 80 web-0.nginx.default.svc.cluster.local.');
  });

  it('answers NXDOMAIN for a headless Service with no ready endpoint', () => {
    const state = webCluster();
    setReady(state, 'web-0', false);
    setReady(state, 'web-1', false);
    endpointSliceController.reconcile(state);
    expect(resolve(state, 'nginx.default.svc.cluster.local', 'A')).toEqual({ rcode: 'NXDOMAIN', answers: [] });
    expect(dig(state, '_web._tcp.nginx.default.svc.cluster.local', 'SRV')).toBe('NXDOMAIN');
  });

  it('removes a pod from DNS as soon as it is marked for deletion', () => {
    const state = webCluster();
    markDeleting(state, 'web-1');
    endpointSliceController.reconcile(state);
    expect(dig(state, 'web-1.nginx')).toBe('NXDOMAIN');
    expect(dig(state, 'nginx')).toBe(WEB0);
  });

  it('publishes not-ready pods when the Service sets publishNotReadyAddresses', () => {
    const state = newCluster();
    addService(state, 'zk-hs', { clusterIP: 'None', publishNotReadyAddresses: true, selector: { app: 'zk' }, ports: [{ name: 'peer', port: 2888 }] });
    addPod(state, { name: 'zk-0', labels: { app: 'zk' }, ip: '10.244.3.4', node: 'node-3', ready: false, hostname: 'zk-0', subdomain: 'zk-hs' });
    addPod(state, { name: 'zk-1', labels: { app: 'zk' }, ip: '10.244.1.9', node: 'node-1', phase: 'Pending', ready: false, hostname: 'zk-1', subdomain: 'zk-hs' });
    endpointSliceController.reconcile(state);
    expect(dig(state, 'zk-0.zk-hs')).toBe('10.244.3.4');
    expect(dig(state, 'zk-1.zk-hs')).toBe('10.244.1.9');
    expect(dig(state, 'zk-hs').split('\n')).toEqual(['10.244.3.4', '10.244.1.9']);
  });

  it('answers endpoint hostnames under a ClusterIP Service too (R14.11)', () => {
    const state = newCluster();
    const svc = addService(state, 'db', { selector: { app: 'db' }, ports: [{ name: 'sql', port: 5432 }] });
    addPod(state, { name: 'db-0', labels: { app: 'db' }, ip: '10.244.2.7', node: 'node-2', hostname: 'db-0', subdomain: 'db' });
    endpointSliceController.reconcile(state);
    expect(dig(state, 'db')).toBe(svc.spec?.clusterIP);
    expect(dig(state, 'db-0.db')).toBe('10.244.2.7');
  });

  it('targets the dashed IP in SRV records of endpoints without a hostname, and resolves that name', () => {
    const state = newCluster();
    addService(state, 'cache', { clusterIP: 'None', selector: { app: 'cache' }, ports: [{ name: 'redis', port: 6379 }] });
    addPod(state, { name: 'cache-x8k2m', labels: { app: 'cache' }, ip: '10.244.1.5', node: 'node-1' });
    endpointSliceController.reconcile(state);
    expect(dig(state, '_redis._tcp.cache', 'SRV')).toBe('0 100 6379 10-244-1-5.cache.default.svc.cluster.local.');
    expect(dig(state, '10-244-1-5.cache')).toBe('10.244.1.5');
    expect(dig(state, '10.244.1.5', 'PTR')).toBe('10-244-1-5.cache.default.svc.cluster.local.');
  });

  it('splits the SRV weight evenly and rounds it down like CoreDNS', () => {
    const state = newCluster();
    addService(state, 'six', { clusterIP: 'None', selector: { app: 'six' }, ports: [{ name: 'web', port: 80 }] });
    for (let i = 0; i < 6; i++) addPod(state, { name: `six-${i}`, labels: { app: 'six' }, ip: `10.244.1.${10 + i}`, node: 'node-1', hostname: `six-${i}`, subdomain: 'six' });
    endpointSliceController.reconcile(state);
    const lines = dig(state, '_web._tcp.six', 'SRV').split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('0 16 80 six-0.six.default.svc.cluster.local.');
  });

  it('answers PTR for a cluster IP with the Service name, and NXDOMAIN for an unknown address', () => {
    const state = webCluster();
    const cip = addNginxCip(state);
    expect(dig(state, cip, 'PTR')).toBe('nginx-cip.default.svc.cluster.local.');
    expect(dig(state, '10.244.9.9', 'PTR')).toBe('NXDOMAIN');
  });

  it('serves the kubernetes and kube-dns Services', () => {
    const state = newCluster();
    expect(dig(state, 'kubernetes.default.svc.cluster.local')).toBe('10.96.0.1');
    expect(dig(state, 'kubernetes.default')).toBe('10.96.0.1');
    expect(dig(state, 'kube-dns.kube-system.svc.cluster.local')).toBe('10.96.0.10');
    expect(dig(state, '10.96.0.10', 'PTR')).toBe('kube-dns.kube-system.svc.cluster.local.');
  });

  it('answers NODATA (empty, NOERROR) for an existing name asked with another type', () => {
    const state = webCluster();
    expect(resolve(state, 'web-0.nginx.default.svc.cluster.local', 'SRV')).toEqual({
      rcode: 'NOERROR',
      answers: [],
      name: 'web-0.nginx.default.svc.cluster.local',
    });
    expect(formatDigShort(resolve(state, 'web-0.nginx.default.svc.cluster.local', 'SRV'), 'SRV')).toBe('');
  });

  it('rejects pod names that are not addresses, and pod names in namespaces that do not exist', () => {
    const state = webCluster();
    expect(dig(state, '10-244-1-999.default.pod.cluster.local')).toBe('NXDOMAIN');
    expect(dig(state, '10-244-1-2.nosuchns.pod.cluster.local')).toBe('NXDOMAIN');
  });
});

describe('candidateNames (search path, ndots:5)', () => {
  it('tries the search suffixes first for names with fewer than 5 dots', () => {
    const state = newCluster();
    expect(candidateNames(state, 'web-0.nginx', 'default')).toEqual([
      'web-0.nginx.default.svc.cluster.local',
      'web-0.nginx.svc.cluster.local',
      'web-0.nginx.cluster.local',
      'web-0.nginx',
    ]);
  });

  it('tries a name with 5 dots as is first, and never expands an absolute name', () => {
    const state = newCluster();
    expect(candidateNames(state, 'web-0.nginx.default.svc.cluster.local', 'default')[0]).toBe('web-0.nginx.default.svc.cluster.local');
    expect(candidateNames(state, 'web-0.nginx.', 'default')).toEqual(['web-0.nginx']);
  });

  it('resolves short names only from the namespace of the querying pod', () => {
    const state = webCluster();
    expect(dig(state, 'nginx', 'A', 'default').split('\n')).toEqual([WEB0, WEB1]);
    expect(dig(state, 'nginx', 'A', 'other')).toBe('NXDOMAIN');
    expect(dig(state, 'nginx.default', 'A', 'other').split('\n')).toEqual([WEB0, WEB1]);
    expect(dig(state, 'web-0.nginx.')).toBe('NXDOMAIN');
  });
});

describe('allRecords', () => {
  it('lists every A and SRV record served, sorted, ready endpoints only', () => {
    const state = webCluster();
    setReady(state, 'web-1', false);
    endpointSliceController.reconcile(state);
    const records = allRecords(state);
    const names = records.map((r) => `${r.name} ${r.type} ${r.data}`);
    expect(names).toContain(`nginx.default.svc.cluster.local A ${WEB0}`);
    expect(names).toContain(`web-0.nginx.default.svc.cluster.local A ${WEB0}`);
    expect(names).toContain('_web._tcp.nginx.default.svc.cluster.local SRV 0 100 80 web-0.nginx.default.svc.cluster.local.');
    expect(names).toContain('kubernetes.default.svc.cluster.local A 10.96.0.1');
    expect(names).toContain('_https._tcp.kubernetes.default.svc.cluster.local SRV 0 100 443 kubernetes.default.svc.cluster.local.');
    expect(names).toContain(`10-244-2-2.default.pod.cluster.local A ${WEB1}`);
    expect(names.some((n) => n.startsWith('web-1.nginx'))).toBe(false);
    expect(records.every((r) => r.type === 'A' || r.type === 'SRV')).toBe(true);
    const keys = records.map((r) => `${r.name}\u0000${r.type}\u0000${r.data}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('stops serving a Service once it is deleted', () => {
    const state = webCluster();
    expect(allRecords(state).some((r) => r.name === 'web-0.nginx.default.svc.cluster.local')).toBe(true);
    removeObject(state, 'Service', 'default', 'nginx');
    endpointSliceController.reconcile(state);
    expect(allRecords(state).some((r) => r.name.includes('nginx'))).toBe(false);
    expect(dig(state, 'web-0.nginx')).toBe('NXDOMAIN');
  });
});
