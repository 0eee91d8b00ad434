import { describe, expect, it } from 'vitest';
import { endpointSliceController } from '../engine/controllers/endpointSliceController';
import { volumeRuntime } from '../engine/storage';
import { removeObject, updateObject } from '../engine/store';
import type { PodObject } from '../model/pod';
import { execInPod, openShellSession, runShellLine, shellPrompt } from './execInPod';
import { addPod, newCluster, nginxContainer, podNamed, webCluster } from './testPods';

const web = (i: number) => ({ namespace: 'default', pod: `web-${i}` });

describe('execInPod: the seed 002 storage demo', () => {
  it('writes "$(hostname)" to the mounted volume and serves it on http://localhost/', () => {
    const state = webCluster();
    for (const i of [0, 1]) {
      expect(execInPod(state, web(i), ['sh', '-c', 'hostname'])).toEqual({ stdout: `web-${i}\n`, stderr: '', exitCode: 0 });
      expect(execInPod(state, web(i), ['sh', '-c', 'echo "$(hostname)" > /usr/share/nginx/html/index.html']).exitCode).toBe(0);
    }
    expect(volumeRuntime(state, 'pvc-www-web-0').files).toEqual({ '/index.html': 'web-0\n' });
    expect(execInPod(state, web(0), ['curl', 'http://localhost/']).stdout).toBe('web-0\n');
    expect(execInPod(state, web(1), ['curl', 'http://localhost/']).stdout).toBe('web-1\n');
  });

  it('keeps files on the volume but loses files elsewhere when the container runtime record is replaced', () => {
    const state = webCluster();
    execInPod(state, web(0), ['sh', '-c', 'echo data > /usr/share/nginx/html/index.html; echo scratch > /tmp/notes']);
    expect(execInPod(state, web(0), ['cat', '/tmp/notes']).stdout).toBe('scratch\n');
    const rec = state.runtime.pods[podNamed(state, 'web-0').metadata.uid ?? ''];
    if (!rec) throw new Error('no runtime record');
    // What the kubelet does on a restart: a fresh container, an empty writable layer.
    rec.containers = rec.containers.map((c) => ({ ...c, files: {}, restartCount: c.restartCount + 1 }));
    expect(execInPod(state, web(0), ['cat', '/tmp/notes'])).toEqual({
      stdout: '',
      stderr: "cat: can't open '/tmp/notes': No such file or directory\ncommand terminated with exit code 1\n",
      exitCode: 1,
    });
    expect(execInPod(state, web(0), ['cat', '/usr/share/nginx/html/index.html']).stdout).toBe('data\n');
  });

  it('gives a replacement pod (new uid, same claim) the data the old one wrote', () => {
    const state = webCluster();
    execInPod(state, web(0), ['sh', '-c', 'echo "$(hostname)" > /usr/share/nginx/html/index.html']);
    removeObject(state, 'Pod', 'default', 'web-0');
    addPod(state, {
      name: 'web-0',
      labels: { app: 'nginx' },
      ip: '10.244.3.7',
      node: 'node-3',
      hostname: 'web-0',
      subdomain: 'nginx',
      containers: [nginxContainer()],
      volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }],
    });
    expect(execInPod(state, web(0), ['curl', '-s', 'http://localhost/']).stdout).toBe('web-0\n');
  });

  it("serves nginx's 403 page from an empty mounted document root and the welcome page without a mount", () => {
    const state = webCluster();
    const forbidden = execInPod(state, web(0), ['curl', 'http://localhost/']).stdout;
    expect(forbidden).toBe(
      '<html>\n<head><title>403 Forbidden</title></head>\n<body>\n<center><h1>403 Forbidden</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n',
    );
    addPod(state, { name: 'plain', ip: '10.244.3.3', node: 'node-3', containers: [nginxContainer(false, 'nginx:1.27.4')] });
    const welcome = execInPod(state, { namespace: 'default', pod: 'plain' }, ['curl', '-s', 'localhost']).stdout;
    expect(welcome).toContain('<title>Welcome to nginx!</title>');
    expect(execInPod(state, { namespace: 'default', pod: 'plain' }, ['curl', 'localhost/missing']).stdout).toContain('<hr><center>nginx/1.27.4</center>');
  });

  it('prints hostname -f from hostname and subdomain, and the pod name without a subdomain', () => {
    const state = webCluster();
    addPod(state, { name: 'dns-client', ip: '10.244.3.5', node: 'node-3' });
    expect(execInPod(state, web(1), ['hostname', '-f']).stdout).toBe('web-1.nginx.default.svc.cluster.local\n');
    expect(execInPod(state, { namespace: 'default', pod: 'dns-client' }, ['hostname', '-f']).stdout).toBe('dns-client\n');
  });

  it('shows the kubelet-managed /etc/hosts and /etc/resolv.conf', () => {
    const state = webCluster();
    expect(execInPod(state, web(0), ['cat', '/etc/hosts']).stdout).toBe(
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n' +
        'fe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n10.244.1.2\tweb-0.nginx.default.svc.cluster.local\tweb-0\n',
    );
    expect(execInPod(state, web(0), ['cat', '/etc/resolv.conf']).stdout).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });

  it('lists the environment: container env, HOSTNAME, the kubernetes Service variables, HOME', () => {
    const state = newCluster();
    addPod(state, { name: 'app', ip: '10.244.1.8', node: 'node-1', containers: [{ name: 'app', image: 'busybox:1.28', env: [{ name: 'GREETING', value: 'hi' }, { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }] });
    const env = execInPod(state, { namespace: 'default', pod: 'app' }, ['env']).stdout.split('\n');
    expect(env).toEqual(expect.arrayContaining(['HOSTNAME=app', 'GREETING=hi', 'POD=app', 'KUBERNETES_SERVICE_HOST=10.96.0.1', 'KUBERNETES_SERVICE_PORT=443', 'HOME=/root']));
    expect(env[0]).toMatch(/^PATH=/);
    expect(execInPod(state, { namespace: 'default', pod: 'app' }, ['printenv', 'GREETING']).stdout).toBe('hi\n');
  });
});

describe('execInPod: kubectl errors', () => {
  it('reports a missing pod', () => {
    expect(execInPod(webCluster(), web(9), ['hostname'])).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "web-9" not found\n', exitCode: 1 });
  });

  it('refuses completed pods', () => {
    const state = newCluster();
    addPod(state, { name: 'job-x', phase: 'Succeeded', node: 'node-1', runtime: false });
    expect(execInPod(state, { namespace: 'default', pod: 'job-x' }, ['ls']).stderr).toBe(
      'error: cannot exec into a container in a completed pod; current phase is Succeeded\n',
    );
  });

  it('reports an unscheduled pod and a container that is not running yet', () => {
    const state = newCluster();
    addPod(state, { name: 'web-0', phase: 'Pending', containers: [nginxContainer(false)], runtime: false });
    expect(execInPod(state, web(0), ['ls']).stderr).toBe('Error from server (BadRequest): pod web-0 does not have a host assigned\n');
    updateObject<PodObject>(state, 'Pod', 'default', 'web-0', (p) => {
      if (p.spec) p.spec.nodeName = 'node-1';
    });
    expect(execInPod(state, web(0), ['ls']).stderr).toBe('error: unable to upgrade connection: container not found ("nginx")\n');
  });

  it('reports a pod on a node whose kubelet is down', () => {
    const state = webCluster();
    const node = state.runtime.nodes['node-1'];
    if (node) node.kubeletUp = false;
    expect(execInPod(state, web(0), ['ls']).stderr).toBe('Error from server: error dialing backend: dial tcp 172.18.0.2:10250: i/o timeout\n');
  });

  it('validates -c and announces the defaulted container of a multi-container pod', () => {
    const state = newCluster();
    addPod(state, { name: 'two', ip: '10.244.1.4', node: 'node-1', containers: [{ name: 'app', image: 'busybox:1.28' }, { name: 'sidecar', image: 'busybox:1.28' }] });
    const target = { namespace: 'default', pod: 'two' };
    expect(execInPod(state, { ...target, container: 'db' }, ['ls']).stderr).toBe('Error from server (BadRequest): container db is not valid for pod two\n');
    expect(execInPod(state, target, ['hostname'])).toEqual({ stdout: 'two\n', stderr: 'Defaulted container "app" out of: app, sidecar\n', exitCode: 0 });
    expect(execInPod(state, { ...target, container: 'sidecar' }, ['hostname']).stderr).toBe('');
  });

  it("reports an unknown executable like containerd, and an unknown command inside sh like ash", () => {
    const state = webCluster();
    const direct = execInPod(state, web(0), ['mysql']);
    expect(direct.exitCode).toBe(1);
    expect(direct.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "mysql": executable file not found in \$PATH: unknown\n$/);
    expect(execInPod(state, web(0), ['sh', '-c', 'mysql -e "select 1"'])).toEqual({
      stdout: '',
      stderr: 'sh: mysql: not found\ncommand terminated with exit code 127\n',
      exitCode: 127,
    });
  });
});

describe('runShellLine: an interactive sh session', () => {
  it('keeps the working directory and variables between lines and ends on exit', () => {
    const state = webCluster();
    const opened = openShellSession(state, web(0));
    const session = opened.session;
    if (!session) throw new Error(opened.stderr);
    expect(shellPrompt(state, web(0), session)).toBe('# ');
    runShellLine(state, web(0), 'cd /usr/share/nginx/html', session);
    runShellLine(state, web(0), 'NAME=$(hostname)', session);
    expect(runShellLine(state, web(0), 'echo "hello $NAME" > index.html && cat index.html', session)).toEqual({
      stdout: 'hello web-0\n',
      stderr: '',
      exitCode: 0,
      exited: false,
    });
    expect(runShellLine(state, web(0), 'pwd', session).stdout).toBe('/usr/share/nginx/html\n');
    expect(runShellLine(state, web(0), 'exit 3', session)).toMatchObject({ exitCode: 3, exited: true });
  });

  it('shows the busybox prompt with the working directory', () => {
    const state = newCluster();
    addPod(state, { name: 'dns-client', ip: '10.244.2.9', node: 'node-2' });
    const session = openShellSession(state, { namespace: 'default', pod: 'dns-client' }).session;
    if (!session) throw new Error('no session');
    expect(shellPrompt(state, { namespace: 'default', pod: 'dns-client' }, session)).toBe('/ # ');
  });

  it('ends the session when the pod goes away', () => {
    const state = webCluster();
    const session = openShellSession(state, web(0)).session;
    removeObject(state, 'Pod', 'default', 'web-0');
    endpointSliceController.reconcile(state);
    expect(runShellLine(state, web(0), 'ls', session)).toMatchObject({ exited: true, stderr: 'Error from server (NotFound): pods "web-0" not found\n' });
  });
});
