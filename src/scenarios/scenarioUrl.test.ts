import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import webText from '../../scenarios/web.yaml?raw';
import mysqlText from '../../scenarios/mysql-replicas.yaml?raw';
import type { JournalEntry } from '../protocol/messages';
import { toJsonRecord } from './jsonRecord';
import { parseScenario } from './parseScenario';
import { runScenario } from './runScenario';
import type { Scenario } from './scenario';
import { decodeScenarioUrl, encodeScenarioUrl, isScenarioUrl, toScenarioText, URL_LIMITS, type SharedScenario } from './scenarioUrl';

function scenarioOf(text: string): Scenario {
  const { scenario } = parseScenario(text);
  if (!scenario) throw new Error('bad scenario');
  return scenario;
}

/** Runs the scenario, then the journal as the worker replays it (file edits, then lines). */
function recordOf({ scenario, journal }: SharedScenario): string {
  const result = runScenario(scenario);
  for (const entry of journal) {
    if (entry.type === 'file') result.session.files[entry.file] = entry.text;
    else result.session.run(entry.line);
  }
  return JSON.stringify(toJsonRecord(result));
}

function decoded(hash: string): SharedScenario {
  const result = decodeScenarioUrl(hash);
  if ('error' in result) throw new Error(result.error);
  return result;
}

function errorOf(hash: string): string {
  const result = decodeScenarioUrl(hash);
  return 'error' in result ? result.error : 'decoded without an error';
}

/** A v1 fragment for any JSON value (hostile payloads). */
const v1 = (json: unknown) => `#v1/${compressToEncodedURIComponent(JSON.stringify(json))}`;

const web = scenarioOf(webText);
const journal: JournalEntry[] = [
  { type: 'line', line: 'sim advance 4000ms' },
  { type: 'file', file: 'web.yaml', text: (web.files['web.yaml'] ?? '').replace('replicas: 2', 'replicas: 3') },
  { type: 'line', line: 'kubectl apply -f web.yaml' },
  { type: 'line', line: 'sim advance 2500ms' },
  { type: 'line', line: 'kubectl delete pod web-0' },
  { type: 'line', line: 'sim advance 30000ms' },
];

describe('encodeScenarioUrl / decodeScenarioUrl', () => {
  it('replays a decoded link to the same JSON record as the original (names, IPs, events)', () => {
    const shared: SharedScenario = { scenario: web, journal, selected: { kind: 'Pod', name: 'web-1' } };
    const hash = encodeScenarioUrl(shared);
    expect(hash.startsWith('#v1/')).toBe(true);
    const back = decoded(hash);
    expect(back.journal).toEqual(journal);
    expect(back.selected).toEqual({ kind: 'Pod', name: 'web-1' });
    const record = recordOf(shared);
    expect(recordOf(back)).toBe(record);
    // the journal really changed the cluster: web-2 exists, web-0 was recreated
    expect(record).toContain('"name":"web-2"');
    expect(recordOf({ scenario: web, journal: [] })).not.toBe(record);
  });

  it('keeps seed, start time, cluster shape, timing and script through the round trip', () => {
    const scenario: Scenario = {
      ...web,
      seed: 42,
      startTime: '2024-05-01T10:00:00Z',
      cluster: { nodes: [{ name: 'a' }, { name: 'b', cpu: '2' }], defaultStorageClass: 'local-path' },
      timing: { imagePullMs: 1500 } as Scenario['timing'],
      script: ['sim wait --stable', 'kubectl get pods -o wide'],
    };
    const back = decoded(encodeScenarioUrl({ scenario, journal: [] }));
    expect(back.scenario).toEqual(scenario);
    expect(recordOf(back)).toBe(recordOf({ scenario, journal: [] }));
    const mysql = scenarioOf(mysqlText);
    expect(decoded(encodeScenarioUrl({ scenario: mysql, journal: [] })).scenario).toEqual(mysql);
  });

  it('writes a namespaced selection and reads it back', () => {
    const selected = { kind: 'Pod', namespace: 'db', name: 'mysql-0' };
    expect(decoded(encodeScenarioUrl({ scenario: web, journal: [], selected })).selected).toEqual(selected);
  });

  it('writes the timeline moment and a lesson in progress and reads them back', () => {
    const back = decoded(encodeScenarioUrl({ scenario: web, journal: [], moment: 12_500, lesson: { id: 'ordered-identity', step: 3 } }));
    expect(back.moment).toBe(12_500);
    expect(back.lesson).toEqual({ id: 'ordered-identity', step: 3 });
  });

  it('leaves out every field equal to its default', () => {
    const minimal: Scenario = { name: 'empty', seed: 1, files: {}, script: [] };
    const hash = encodeScenarioUrl({ scenario: minimal, journal: [] });
    expect(JSON.parse(decompressFromEncodedURIComponent(hash.slice('#v1/'.length)))).toEqual({ n: 'empty' });
    expect(decoded(hash).scenario).toEqual(minimal);
    expect(decoded(hash).journal).toEqual([]);
    expect(decoded(hash).selected).toBeUndefined();
  });

  it('stores journal lines as strings and file edits as [file, text] pairs', () => {
    const hash = encodeScenarioUrl({ scenario: { name: 'x', seed: 7, files: {}, script: [] }, journal: journal.slice(0, 3) });
    const json = JSON.parse(decompressFromEncodedURIComponent(hash.slice('#v1/'.length))) as { s: number; j: unknown[] };
    expect(json.s).toBe(7);
    expect(json.j[0]).toBe('sim advance 4000ms');
    expect(json.j[1]).toEqual(['web.yaml', expect.stringContaining('replicas: 3')]);
  });

  it('compresses: the web scenario with its journal fits in a short fragment', () => {
    expect(encodeScenarioUrl({ scenario: web, journal }).length).toBeLessThan(1500);
  });
});

describe('decodeScenarioUrl refuses hostile or broken links with a clear message', () => {
  it('recognises share fragments by their version prefix', () => {
    expect(isScenarioUrl('#v1/abc')).toBe(true);
    expect(isScenarioUrl('v2/abc')).toBe(true);
    expect(isScenarioUrl('#section-2')).toBe(false);
    expect(isScenarioUrl('')).toBe(false);
  });

  it('refuses an unknown version', () => {
    expect(errorOf('#v9/N4Ig')).toBe('the link was made by an unknown version of Ordinal ("v9")');
    expect(errorOf('#v0/N4Ig')).toBe('the link was made by an unknown version of Ordinal ("v0")');
  });

  it('refuses a fragment without a version prefix', () => {
    expect(errorOf('#hello')).toBe('the link does not hold a scenario (it should start with #v1/)');
  });

  it('refuses garbage, an empty payload and characters outside the encoding', () => {
    const damaged = 'the link is damaged or truncated (its data cannot be read)';
    expect(errorOf('#v1/')).toBe(damaged);
    expect(errorOf('#v1/%%%<script>')).toBe(damaged);
    expect(errorOf('#v1/garbage-that-is-not-lz')).toBe(damaged);
    expect(errorOf(`#v1/${compressToEncodedURIComponent('not json {')}`)).toBe(damaged);
  });

  it('refuses a truncated link', () => {
    const hash = encodeScenarioUrl({ scenario: web, journal });
    // (the last two characters may hold only the end marker and padding: cutting them loses nothing)
    for (const cut of [hash.length - 3, hash.length - 5, hash.length - 40, Math.floor(hash.length / 2), 10]) {
      expect(errorOf(hash.slice(0, cut))).toMatch(/^the link (is damaged or truncated|'s scenario is not valid)/);
    }
  });

  it('refuses an absurdly large fragment before reading it', () => {
    const huge = `#v1/${'A'.repeat(URL_LIMITS.maxFragmentChars)}`;
    expect(errorOf(huge)).toBe(`the link is too large (${huge.length} characters; the limit is ${URL_LIMITS.maxFragmentChars})`);
  });

  it('refuses a small fragment that expands past the limit', () => {
    // the real limits need megabytes of text; the same check with smaller limits
    const limits = { ...URL_LIMITS, maxFragmentChars: 2_000, maxJsonChars: 100_000 };
    const bomb = v1({ n: 'x', f: { 'a.yaml': `# ${'a'.repeat(200_000)}` } });
    expect(bomb.length).toBeLessThan(limits.maxFragmentChars);
    const result = decodeScenarioUrl(bomb, limits);
    expect('error' in result && result.error).toBe("the link's scenario is too large (200029 characters; the limit is 100000)");
    expect(URL_LIMITS.maxJsonChars).toBe(4_000_000);
  });

  it('applies the scenario limits: file size, file count, script length, node count', () => {
    const big = 'a'.repeat(1_000_001);
    expect(errorOf(v1({ n: 'x', j: [['a.yaml', big]] }))).toBe("the link's scenario is not valid: file a.yaml is too large (1000001 bytes; the limit is 1000000)");
    const files = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}.yaml`, '']));
    expect(errorOf(v1({ n: 'x', f: files }))).toBe("the link's scenario is not valid: too many files (51; the limit is 50)");
    expect(errorOf(v1({ n: 'x', sc: Array.from({ length: 2001 }, () => 'kubectl get pods') }))).toBe("the link's scenario is not valid: script is too long (2001 lines; the limit is 2000)");
    const nodes = Array.from({ length: 1000 }, (_, i) => ({ name: `n${i}` }));
    expect(errorOf(v1({ n: 'x', c: { nodes } }))).toMatch(/^the link's scenario is not valid: too many nodes \(1000; the limit is \d+\)$/);
    expect(errorOf(v1({ n: 'x', j: Array.from({ length: URL_LIMITS.maxJournalEntries + 1 }, () => 'x') }))).toBe(
      `the link's scenario is not valid: too many recorded steps (${URL_LIMITS.maxJournalEntries + 1}; the limit is ${URL_LIMITS.maxJournalEntries})`,
    );
  });

  it('refuses wrong shapes, naming the field', () => {
    const invalid = (json: unknown) => errorOf(v1(json)).replace("the link's scenario is not valid: ", '');
    expect(invalid([1, 2])).toBe('it is not an object');
    expect(invalid(null)).toBe('it is not an object');
    expect(invalid({})).toBe('it has no name');
    expect(invalid({ n: 5 })).toBe('it has no name');
    expect(invalid({ n: 'x', s: -1 })).toBe('the seed must be a whole number from 0 to 4294967295');
    expect(invalid({ n: 'x', s: '3' })).toBe('the seed must be a whole number from 0 to 4294967295');
    expect(invalid({ n: 'x', f: ['a'] })).toBe('files must map file names to text');
    expect(invalid({ n: 'x', f: { 'a.yaml': 3 } })).toBe('files must map file names to text');
    expect(invalid({ n: 'x', f: { '../etc/passwd': '' } })).toBe('invalid file name "../etc/passwd" (letters, digits, ".", "-" and "_" only)');
    expect(invalid({ n: 'x', sc: 'kubectl get pods' })).toBe('the script must be a list of command lines');
    expect(invalid({ n: 'x', j: {} })).toBe('the recorded steps must be a list');
    expect(invalid({ n: 'x', j: [42] })).toBe('a recorded step is neither a command line nor a file edit');
    expect(invalid({ n: 'x', j: ['a\nb'] })).toBe('a recorded command spans several lines');
    expect(invalid({ n: 'x', j: [['../x', '']] })).toBe('invalid file name "../x" (letters, digits, ".", "-" and "_" only)');
    expect(invalid({ n: 'x', sel: ['Pod'] })).toBe('the selected object must be [kind, name] or [kind, name, namespace]');
    expect(invalid({ n: 'x', tm: { imagePullMs: 'soon' } })).toBe('timing must map names to durations in ms');
    expect(invalid({ n: 'x', c: 'big' })).toBe('the cluster must be an object');
    expect(invalid({ n: 'x', c: { nodes: [{ cpu: '1' }] } })).toBe('every node needs a name');
    expect(invalid({ n: 'x', m: -5 })).toBe('the moment must be a whole number of milliseconds');
    expect(invalid({ n: 'x', m: 1.5 })).toBe('the moment must be a whole number of milliseconds');
    expect(invalid({ n: 'x', l: ['<b>x</b>', 1] })).toBe('the lesson must be [id, step]');
    expect(invalid({ n: 'x', l: ['ok', -1] })).toBe('the lesson must be [id, step]');
    expect(invalid({ n: 'x', st: 'yesterday' })).toBe('spec.startTime "yesterday" is not an RFC 3339 time');
  });

  it('refuses a manifest the scenario file checks would refuse (script injection in an object name)', () => {
    const evil = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "<script>alert(1)</script>"\n';
    const error = errorOf(v1({ n: 'x', f: { 'evil.yaml': evil } }));
    expect(error).toMatch(/^the link's scenario is not valid: evil\.yaml: /);
    expect(error).toContain('<script>alert(1)</script>');
  });

  it('keeps hostile text as plain data in journal lines and the selection (it is never run as markup)', () => {
    const back = decoded(v1({ n: 'x', j: ['kubectl delete pod <img src=x onerror=alert(1)>'], sel: ['Pod', '<script>alert(1)</script>'] }));
    expect(back.journal).toEqual([{ type: 'line', line: 'kubectl delete pod <img src=x onerror=alert(1)>' }]);
    expect(back.selected).toEqual({ kind: 'Pod', name: '<script>alert(1)</script>' });
  });
});

describe('toScenarioText', () => {
  it('writes a scenario file that parses back to the same scenario', () => {
    const scenario: Scenario = { ...web, files: { ...web.files, 'odd.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: odd\n# no final newline' }, script: ['kubectl get pods', 'echo "quoted: yes"'] };
    expect(scenarioOf(toScenarioText(scenario))).toEqual(scenario);
  });
});
