import { describe, expect, it } from 'vitest';
import { unappliedFiles } from './unappliedEdits';

const scenario = { 'web.yaml': 'replicas: 2' };

describe('unappliedFiles', () => {
  it('finds nothing when the files are the scenario\'s', () => {
    expect(unappliedFiles({ ...scenario }, scenario, [])).toEqual([]);
  });

  it('names a file edited but never applied', () => {
    expect(unappliedFiles({ 'web.yaml': 'replicas: 5' }, scenario, [])).toEqual(['web.yaml']);
    // recorded before another command is still not applied
    expect(
      unappliedFiles({ 'web.yaml': 'replicas: 5' }, scenario, [
        { type: 'file', file: 'web.yaml', text: 'replicas: 5' },
        { type: 'line', line: 'kubectl get pods' },
      ]),
    ).toEqual(['web.yaml']);
  });

  it('counts a file as applied once kubectl apply -f read it, until it is edited again', () => {
    const journal = [
      { type: 'file', file: 'web.yaml', text: 'replicas: 5' },
      { type: 'line', line: 'kubectl apply -f web.yaml' },
    ] as const;
    expect(unappliedFiles({ 'web.yaml': 'replicas: 5' }, scenario, journal)).toEqual([]);
    expect(unappliedFiles({ 'web.yaml': 'replicas: 6' }, scenario, journal)).toEqual(['web.yaml']);
    expect(unappliedFiles({ 'web.yaml': 'replicas: 5' }, scenario, [journal[0], { type: 'line', line: 'kubectl apply -f .' }])).toEqual([]);
    expect(unappliedFiles({ 'web.yaml': 'replicas: 5' }, scenario, [journal[0], { type: 'line', line: 'kubectl apply -f other.yaml' }])).toEqual(['web.yaml']);
  });

  it('ignores a new empty file and names a new file with text', () => {
    expect(unappliedFiles({ ...scenario, 'new-1.yaml': '' }, scenario, [])).toEqual([]);
    expect(unappliedFiles({ ...scenario, 'new-1.yaml': 'kind: Pod' }, scenario, [])).toEqual(['new-1.yaml']);
  });
});
