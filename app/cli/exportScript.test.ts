// The exported replay.sh is valid bash (bash -n) for every bundled scenario and for one using
// every sim verb, and runs to its end without waiting for a keyboard (kubectl and sleep stubbed).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportScenario } from '../../src/scenarios/exportScenario';
import { parseScenario } from '../../src/scenarios/parseScenario';
import type { Scenario } from '../../src/scenarios/scenario';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ordinal-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(file: string): Scenario {
  const { scenario, diagnostics } = parseScenario(readFileSync(file, 'utf8'), file);
  if (!scenario) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return scenario;
}

function bashCheck(script: string): { status: number | null; stderr: string } {
  const path = join(dir, 'replay.sh');
  writeFileSync(path, script);
  const result = spawnSync('bash', ['-n', path], { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

const bundled = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml'));

describe('exported replay.sh', () => {
  it.each(bundled)('passes bash -n for scenarios/%s', (file) => {
    expect(bashCheck(exportScenario(load(join(root, 'scenarios', file))).script)).toEqual({ status: 0, stderr: '' });
  });

  it('passes bash -n for a scenario using every sim verb, a shell session and hostile words', () => {
    const web = load(join(root, 'scenarios', 'web.yaml'));
    const script = exportScenario({
      ...web,
      script: [
        'kubectl apply -f web.yaml',
        'sim advance 30s',
        'sim wait --stable',
        'sim crash web-0 exit 2',
        'sim break-readiness web-0',
        'sim fix-readiness web-0',
        'sim break-liveness web-0',
        'sim fix-liveness web-0',
        'sim node-down node-1',
        'sim node-up node-1',
        'sim add-node node-4 --cpu 2',
        'sim remove-node node-4',
        "sim dns 'web-0.nginx' SRV",
        'kubectl run -it --rm dns-test --image=busybox:1.28 -- sh',
        "echo 'it''s' \"$(x)\" `y`",
        'kubectl get pods "; rm -rf ~ #',
        'kubectl label pod web-0 "a=$(id)"',
      ],
    }).script;
    expect(bashCheck(script)).toEqual({ status: 0, stderr: '' });
  });

  it('runs the seed-002 demo to its end without a keyboard, printing each command', () => {
    const bin = join(dir, 'bin');
    spawnSync('mkdir', ['-p', bin]);
    // kubectl prints its arguments; sleep returns at once.
    writeFileSync(join(bin, 'kubectl'), '#!/bin/sh\necho "kubectl $*"\n');
    writeFileSync(join(bin, 'sleep'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, 'kubectl'), 0o755);
    chmodSync(join(bin, 'sleep'), 0o755);
    const path = join(dir, 'seed-002.sh');
    writeFileSync(path, exportScenario(load(join(root, 'scenarios', 'seed-002-web-demo.yaml'))).script);
    const result = spawnSync('bash', [path], { encoding: 'utf8', input: '', timeout: 20_000, env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` } });
    expect(result.status).toBe(0);
    // The background watch prints whenever it runs, so only the lines themselves are checked.
    expect(result.stdout).toContain('\n$ kubectl apply -f web.yaml\n');
    expect(result.stdout.split('\n')).toContain('kubectl apply -f web.yaml');
    expect(result.stdout.split('\n')).toContain('kubectl get pods -w -l app=nginx');
    expect(result.stdout).toContain('kubectl run dns-test --image=busybox:1.28 --restart=Never --rm --attach --command -- sh -c nslookup web-0.nginx\nnslookup web-1.nginx\n');
    expect(result.stdout).toContain('kubectl wait --for=condition=Ready pods --all --timeout=5m --field-selector=status.phase!=Succeeded,status.phase!=Failed');
    expect(result.stdout).toContain('\n$ kubectl get pods -o wide\n');
  });
});
