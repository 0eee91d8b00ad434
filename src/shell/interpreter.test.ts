import { describe, expect, it } from 'vitest';
import type { ConfigMap } from 'kubernetes-types/core/v1';
import { createObject } from '../engine/store';
import type { KObject } from '../model/objects';
import { execInPod } from './execInPod';
import { parseShell } from './parser';
import { addPod, newCluster, webCluster } from './testPods';

const web0 = { namespace: 'default', pod: 'web-0' };

function sh(state: ReturnType<typeof webCluster>, script: string, target = web0) {
  return execInPod(state, target, ['sh', '-c', script]);
}

describe('parseShell', () => {
  it('splits lists, pipelines, assignments and redirections', () => {
    const list = parseShell('A=1 echo "x $A" > f 2>&1 && cat f | cat; false || echo no');
    expect(list.map((i) => [i.connector, i.pipeline.length])).toEqual([
      [';', 1],
      ['&&', 2],
      [';', 1],
      ['||', 1],
    ]);
    const first = list[0]?.pipeline[0];
    expect(first?.assignments.map((a) => a.name)).toEqual(['A']);
    expect(first?.redirects.map((r) => [r.fd, r.op, r.dupFd])).toEqual([
      [1, '>', undefined],
      [2, '>&', 1],
    ]);
  });

  it("reports ash's syntax errors", () => {
    expect(() => parseShell('echo "open')).toThrow('sh: syntax error: unterminated quoted string');
    expect(() => parseShell('&& ls')).toThrow('sh: syntax error: unexpected "&&"');
    expect(() => parseShell('ls |')).toThrow('sh: syntax error: unexpected end of file');
  });
});

describe('the exec shell', () => {
  it('expands variables and command substitutions, honouring quotes', () => {
    const state = webCluster();
    expect(sh(state, `X='a  b'; echo $X "$X" '$X' \${X}c`).stdout).toBe('a b a  b $X a bc\n');
    expect(sh(state, 'echo "$(hostname)-$(hostname -f)"').stdout).toBe('web-0-web-0.nginx.default.svc.cluster.local\n');
    expect(sh(state, 'false; echo $?').stdout).toBe('1\n');
  });

  it('runs && and || by exit status and stops at exit', () => {
    const state = webCluster();
    expect(sh(state, 'false && echo no || echo yes; echo after').stdout).toBe('yes\nafter\n');
    expect(sh(state, 'echo one; exit 4; echo never')).toEqual({ stdout: 'one\n', stderr: 'command terminated with exit code 4\n', exitCode: 4 });
  });

  it('redirects with > and >>, and refuses to write into a missing directory', () => {
    const state = webCluster();
    expect(sh(state, 'echo a > /tmp/f; echo b >> /tmp/f; cat /tmp/f').stdout).toBe('a\nb\n');
    expect(sh(state, 'cat /nope 2>&1').stdout).toBe("cat: can't open '/nope': No such file or directory\n");
    expect(sh(state, 'echo x > /no/such/file')).toEqual({
      stdout: '',
      stderr: "sh: can't create /no/such/file: nonexistent directory\ncommand terminated with exit code 1\n",
      exitCode: 1,
    });
  });

  it('pipes stdout into the next command', () => {
    const state = webCluster();
    expect(sh(state, 'echo piped | cat').stdout).toBe('piped\n');
  });

  it('creates, lists and removes files and directories', () => {
    const state = webCluster();
    expect(sh(state, 'mkdir -p /data/a/b && touch /data/a/b/f && ls /data/a/b && ls -l /data/a').stdout).toBe(
      'f\ndrwxr-xr-x    2 root     root          4096 Jan  1 00:00 b\n',
    );
    expect(sh(state, 'mkdir /x/y').stderr).toBe("mkdir: can't create directory '/x/y': No such file or directory\ncommand terminated with exit code 1\n");
    expect(sh(state, 'rm /data/a').stderr).toBe("rm: can't remove '/data/a': Is a directory\ncommand terminated with exit code 1\n");
    expect(sh(state, 'rm -r /data/a && ls /data').stdout).toBe('');
    expect(sh(state, 'ls /usr/share/nginx').stdout).toBe('html\n');
  });

  it('globs the last path segment', () => {
    const state = webCluster();
    sh(state, 'echo 1 > /usr/share/nginx/html/a.html; echo 2 > /usr/share/nginx/html/b.html');
    expect(sh(state, 'cat /usr/share/nginx/html/*.html').stdout).toBe('1\n2\n');
    expect(sh(state, 'echo "/usr/share/nginx/html/*.html"').stdout).toBe('/usr/share/nginx/html/*.html\n');
  });

  it('shows the image layer outside mounts and lets rm hide it', () => {
    const state = newCluster();
    addPod(state, { name: 'plain', ip: '10.244.1.3', node: 'node-1', containers: [{ name: 'nginx', image: 'nginx:1.27.4' }] });
    const plain = { namespace: 'default', pod: 'plain' };
    expect(sh(state, 'ls /usr/share/nginx/html', plain).stdout).toBe('50x.html\nindex.html\n');
    sh(state, 'rm /usr/share/nginx/html/index.html', plain);
    expect(sh(state, 'ls /usr/share/nginx/html', plain).stdout).toBe('50x.html\n');
    expect(execInPod(state, plain, ['curl', '-s', 'localhost']).stdout).toContain('403 Forbidden');
  });

  it('reads ConfigMap volumes and refuses to write to them', () => {
    const state = newCluster();
    createObject<ConfigMap & KObject>(state, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { 'app.conf': 'port=80\n' } });
    addPod(state, {
      name: 'cm',
      ip: '10.244.1.3',
      node: 'node-1',
      containers: [{ name: 'c', image: 'busybox:1.28', volumeMounts: [{ name: 'config', mountPath: '/etc/app' }] }],
      volumes: [{ name: 'config', configMap: { name: 'cfg' } }],
    });
    const cm = { namespace: 'default', pod: 'cm' };
    expect(sh(state, 'cat /etc/app/app.conf', cm).stdout).toBe('port=80\n');
    expect(sh(state, 'echo x > /etc/app/new', cm).stderr).toBe("sh: can't create /etc/app/new: Read-only file system\ncommand terminated with exit code 1\n");
  });

  it('keeps emptyDir files across container restarts', () => {
    const state = newCluster();
    const pod = addPod(state, {
      name: 'scratch',
      ip: '10.244.1.3',
      node: 'node-1',
      containers: [{ name: 'c', image: 'busybox:1.28', volumeMounts: [{ name: 'cache', mountPath: '/cache' }] }],
      volumes: [{ name: 'cache', emptyDir: {} }],
    });
    const target = { namespace: 'default', pod: 'scratch' };
    sh(state, 'echo kept > /cache/f; echo lost > /tmp/f', target);
    const rec = state.runtime.pods[pod.metadata.uid ?? ''];
    if (rec) rec.containers = rec.containers.map((c) => ({ ...c, files: {} }));
    expect(sh(state, 'cat /cache/f; cat /tmp/f', target).stdout).toBe('kept\n');
  });
});
