import { describe, expect, it } from 'vitest';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { containerLogLines, piDigits } from './containerLogs';

const at = Date.parse('2025-01-01T00:01:03Z');
const pod: Pod = { metadata: { name: 'hello-28928161-x8k2m', labels: { 'batch.kubernetes.io/job-completion-index': '2' } }, status: { podIP: '10.244.1.7' } };
const lines = (container: Partial<Container>) => containerLogLines(pod, { name: 'c', ...container }, { startedAtMs: at });

describe('containerLogLines', () => {
  it('runs the printing statements of a sh -c script: date, echo with variables, hostname', () => {
    expect(lines({ image: 'busybox:1.28', command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'] })).toEqual([
      'Wed Jan  1 00:01:03 UTC 2025',
      'Hello from the Kubernetes cluster',
    ]);
    const env = [{ name: 'GREETING', value: 'hi there' }, { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } }];
    expect(lines({ image: 'busybox', command: ['sh', '-c', 'echo "$GREETING" index ${JOB_COMPLETION_INDEX} && hostname && echo \'$HOME\' && exit 0; echo never'], env })).toEqual([
      'hi there index 2',
      'hello-28928161-x8k2m',
      '$HOME',
    ]);
    expect(lines({ image: 'busybox', command: ['sh', '-c', 'echo hidden > /tmp/out; echo shown'] })).toEqual(['shown']);
  });

  it("prints π like the Job documentation's perl example", () => {
    expect(piDigits(10)).toBe('3.141592654');
    expect(piDigits(50)).toBe('3.1415926535897932384626433832795028841971693993751');
    const out = lines({ image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] });
    expect(out).toHaveLength(1);
    expect(out[0]).toHaveLength(2001);
    expect(out[0]?.startsWith('3.14159265358979323846')).toBe(true);
  });

  it("prints the seed backup image's pg_dump -v lines and its message, or nothing without URL", () => {
    const backup = { image: 'jakousa/simple-backup-example', env: [{ name: 'URL', value: 'postgres://postgres:example@postgres-svc:5432/postgres' }] };
    expect(lines(backup).slice(-5)).toEqual([
      'pg_dump: saving encoding = UTF8',
      'pg_dump: saving standard_conforming_strings = on',
      'pg_dump: saving search_path = ',
      'pg_dump: implied data-only restore',
      'Not sending the dump actually anywhere',
    ]);
    expect(lines({ image: 'jakousa/simple-backup-example' })).toEqual([]);
  });

  it('prints the startup notices of nginx, the banner of redis and the ready line of postgres', () => {
    const nginx = lines({ image: 'nginx:1.25' });
    expect(nginx[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(nginx).toContain('2025/01/01 00:01:03 [notice] 1#1: nginx/1.25.5');
    expect(lines({ image: 'redis:5.0' })).toEqual([
      '1:C 01 Jan 2025 00:01:03.000 # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
      '1:C 01 Jan 2025 00:01:03.000 # Redis version=5.0.14, bits=64, commit=00000000, modified=0, pid=1, just started',
      '1:C 01 Jan 2025 00:01:03.000 # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf',
      '1:M 01 Jan 2025 00:01:03.000 * Running mode=standalone, port=6379.',
      '1:M 01 Jan 2025 00:01:03.000 # Server initialized',
      '1:M 01 Jan 2025 00:01:03.000 * Ready to accept connections',
    ]);
    expect(lines({ image: 'postgres:13.0' }).at(-1)).toBe('2025-01-01 00:01:03.000 UTC [1] LOG:  database system is ready to accept connections');
    expect(lines({ image: 'httpd:2.4' })[0]).toBe(
      "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.1.7. Set the 'ServerName' directive globally to suppress this message",
    );
  });

  it('prints nothing for busybox, sleep and images it does not know', () => {
    expect(lines({ image: 'busybox:1.28' })).toEqual([]);
    expect(lines({ image: 'busybox:1.28', command: ['sleep', '3600'] })).toEqual([]);
    expect(lines({ image: 'registry.k8s.io/nginx-slim:0.21' })).toEqual([]);
    expect(lines({ image: 'example.com/app:1.0' })).toEqual([]);
  });
});
