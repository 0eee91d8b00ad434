import { describe, expect, it } from 'vitest';
import { parseScenario } from './parseScenario';
import { runScenario } from './runScenario';
import { toJsonRecord } from './jsonRecord';
import s01 from './acceptance/s01-ordered-creation.yaml?raw';
import s05 from './acceptance/s05-data-survives.yaml?raw';

function run(text: string, seed?: number) {
  const { scenario } = parseScenario(text);
  if (!scenario) throw new Error('bad scenario');
  return JSON.stringify(toJsonRecord(runScenario(seed === undefined ? scenario : { ...scenario, seed })));
}

describe('determinism', () => {
  it('gives byte-identical JSON records for the same scenario and seed', () => {
    expect(run(s01)).toBe(run(s01));
    expect(run(s05)).toBe(run(s05));
  });

  it('draws different UIDs and volume names from a different seed, with the same story', () => {
    const a = JSON.parse(run(s01, 1)) as { watch: { name: string; status: string }[]; objects: { metadata: { uid: string } }[] };
    const b = JSON.parse(run(s01, 2)) as typeof a;
    expect(a.watch.map((w) => `${w.name} ${w.status}`)).toEqual(b.watch.map((w) => `${w.name} ${w.status}`));
    expect(a.objects.map((o) => o.metadata.uid)).not.toEqual(b.objects.map((o) => o.metadata.uid));
  });
});
