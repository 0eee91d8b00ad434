import { describe, expect, it } from 'vitest';
import { endpointSliceController } from '../engine/controllers/endpointSliceController';
import { execInPod } from './execInPod';
import { addPod, addService, setReady, webCluster } from './testPods';

const client = { namespace: 'default', pod: 'dns-client' };

function withClient(image = 'busybox:1.28') {
  const state = webCluster();
  addPod(state, { name: 'dns-client', ip: '10.244.3.4', node: 'node-3', containers: [{ name: 'dns-client', image, command: ['sleep', '3600'] }] });
  return state;
}

describe('nslookup (busybox 1.28, seed 002)', () => {
  it('prints the seed transcript for a pod name through the search path', () => {
    const state = withClient();
    expect(execInPod(state, client, ['nslookup', 'web-0.nginx'])).toEqual({
      stdout:
        'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n' +
        'Name:      web-0.nginx\nAddress 1: 10.244.1.2 web-0.nginx.default.svc.cluster.local\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('lists every ready pod behind the headless Service', () => {
    const state = withClient();
    expect(execInPod(state, client, ['nslookup', 'nginx']).stdout).toContain(
      'Name:      nginx\nAddress 1: 10.244.1.2 web-0.nginx.default.svc.cluster.local\nAddress 2: 10.244.2.2 web-1.nginx.default.svc.cluster.local\n',
    );
  });

  it("fails with busybox's can't resolve for a name that does not exist", () => {
    const state = withClient();
    expect(execInPod(state, client, ['nslookup', 'web-2.nginx'])).toEqual({
      stdout: 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n',
      stderr: "nslookup: can't resolve 'web-2.nginx'\ncommand terminated with exit code 1\n",
      exitCode: 1,
    });
  });

  it('answers -type=srv in the newer busybox format', () => {
    const state = withClient();
    expect(execInPod(state, client, ['nslookup', '-type=srv', '_web._tcp.nginx']).stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n' +
        '_web._tcp.nginx.default.svc.cluster.local\tservice = 0 50 80 web-0.nginx.default.svc.cluster.local\n' +
        '_web._tcp.nginx.default.svc.cluster.local\tservice = 0 50 80 web-1.nginx.default.svc.cluster.local\n\n',
    );
  });
});

describe('ping', () => {
  it('prints one busybox reply and the summary for a pod on another node', () => {
    const state = withClient();
    const out = execInPod(state, client, ['ping', '-c1', 'web-0.nginx']);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toMatch(
      /^PING web-0\.nginx \(10\.244\.1\.2\): 56 data bytes\n64 bytes from 10\.244\.1\.2: seq=0 ttl=62 time=(\d\.\d{3}) ms\n\n--- web-0\.nginx ping statistics ---\n1 packets transmitted, 1 packets received, 0% packet loss\nround-trip min\/avg\/max = \1\/\1\/\1 ms\n$/,
    );
  });

  it('gets no answer from a cluster IP and reports a name that does not resolve', () => {
    const state = withClient();
    const cip = addService(state, 'nginx-cip', { selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80 }] }).spec?.clusterIP;
    expect(execInPod(state, client, ['ping', '-c', '1', 'nginx-cip'])).toEqual({
      stdout: `PING nginx-cip (${cip}): 56 data bytes\n\n--- nginx-cip ping statistics ---\n1 packets transmitted, 0 packets received, 100% packet loss\n`,
      stderr: 'command terminated with exit code 1\n',
      exitCode: 1,
    });
    expect(execInPod(state, client, ['ping', '-c1', 'web-2.nginx']).stderr).toBe("ping: bad address 'web-2.nginx'\ncommand terminated with exit code 1\n");
  });
});

describe('curl and wget across the cluster', () => {
  it('reaches a pod by its stable DNS name and a Service by its cluster IP name', () => {
    const state = withClient('curlimages/curl:8.5.0');
    execInPod(state, { namespace: 'default', pod: 'web-0' }, ['sh', '-c', 'echo zero > /usr/share/nginx/html/index.html']);
    execInPod(state, { namespace: 'default', pod: 'web-1' }, ['sh', '-c', 'echo one > /usr/share/nginx/html/index.html']);
    addService(state, 'nginx-cip', { selector: { app: 'nginx' }, ports: [{ name: 'http', port: 8080, targetPort: 'web' }] });
    endpointSliceController.reconcile(state);
    expect(execInPod(state, client, ['curl', '-s', 'http://web-1.nginx/']).stdout).toBe('one\n');
    expect(execInPod(state, client, ['curl', '-s', 'http://nginx-cip:8080/']).stdout).toBe('zero\n');
    expect(execInPod(state, client, ['wget', '-qO-', 'http://web-0.nginx.default.svc.cluster.local']).stdout).toBe('zero\n');
  });

  it('is refused by a Service without ready endpoints and cannot resolve unknown hosts', () => {
    const state = withClient('curlimages/curl:8.5.0');
    addService(state, 'nginx-cip', { selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80 }] });
    setReady(state, 'web-0', false);
    setReady(state, 'web-1', false);
    endpointSliceController.reconcile(state);
    expect(execInPod(state, client, ['curl', 'http://nginx-cip/']).stderr).toBe(
      'curl: (7) Failed to connect to nginx-cip port 80 after 0 ms: Connection refused\ncommand terminated with exit code 7\n',
    );
    expect(execInPod(state, client, ['curl', '-s', 'http://nginx-cip/'])).toEqual({ stdout: '', stderr: 'command terminated with exit code 7\n', exitCode: 7 });
    expect(execInPod(state, client, ['curl', 'http://nope/']).stderr).toBe('curl: (6) Could not resolve host: nope\ncommand terminated with exit code 6\n');
  });

  it('still reaches an unready pod directly by its IP (readiness only gates Services and DNS)', () => {
    const state = withClient('curlimages/curl:8.5.0');
    setReady(state, 'web-1', false);
    endpointSliceController.reconcile(state);
    expect(execInPod(state, client, ['curl', '-s', '10.244.2.2']).stdout).toContain('403 Forbidden');
  });

  it('fails with -f on an error status and redirects a directory without a trailing slash', () => {
    const state = withClient('curlimages/curl:8.5.0');
    execInPod(state, { namespace: 'default', pod: 'web-0' }, ['mkdir', '/usr/share/nginx/html/docs']);
    expect(execInPod(state, client, ['curl', '-sSf', 'http://web-0.nginx/missing']).stderr).toBe(
      'curl: (22) The requested URL returned error: 404\ncommand terminated with exit code 22\n',
    );
    expect(execInPod(state, client, ['curl', '-si', 'http://web-0.nginx/docs']).stdout).toMatch(/^HTTP\/1\.1 301 Moved Permanently\r\n[^]*Location: http:\/\/web-0\.nginx\/docs\/\r\n/);
  });
});
