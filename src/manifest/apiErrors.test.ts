import { describe, expect, it } from 'vitest';
import type { KObject } from '../model/objects';
import { decodeError, formatApplyError, formatApplyErrors, invalidError, statusMessage, strictDecodingDetail, type ApplyFailure } from './apiErrors';
import { checkCreate, decodeFailure } from './checkApply';
import { invalid, required } from './fieldErrors';
import { parseManifests } from './parseManifests';

const sts: KObject = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default' } };
const mismatch = invalid('spec.template.metadata.labels', 'map[string]string{"app":"nginx"}', '`selector` does not match template `labels`');

describe('apiErrors', () => {
  it('prints a lone 422 the way kubectl does: one cause inline, several one per line', () => {
    const one: ApplyFailure = { type: 'api', error: invalidError(sts, [mismatch]), file: 'web.yaml', operation: 'creating' };
    expect(formatApplyError(one)).toBe(
      'The StatefulSet "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
    );
    const two: ApplyFailure = { ...one, error: invalidError(sts, [required('spec.selector'), mismatch, required('spec.selector')]) };
    expect(formatApplyError(two)).toBe(
      'The StatefulSet "web" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
    );
  });

  it("builds the API server's Status message with the group-qualified kind", () => {
    expect(statusMessage(invalidError(sts, [required('spec.selector'), mismatch]))).toBe(
      'StatefulSet.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`]',
    );
    expect(statusMessage(invalidError({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0' } }, [required('spec.containers[0].image')]))).toBe(
      'Pod "web-0" is invalid: spec.containers[0].image: Required value',
    );
  });

  it('prints decode failures with the file they came from', () => {
    const failure: ApplyFailure = {
      type: 'api',
      error: decodeError(sts, strictDecodingDetail(['spec.replicaz'])),
      file: 'web.yaml',
      operation: 'creating',
    };
    expect(formatApplyError(failure)).toBe(
      'Error from server (BadRequest): error when creating "web.yaml": StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error: unknown field "spec.replicaz"',
    );
  });

  it('wraps a failed update in kubectl\'s "error when applying patch" preamble', () => {
    const failure: ApplyFailure = {
      type: 'api',
      error: decodeError(sts, strictDecodingDetail(['spec.replicaz'])),
      file: 'web.yaml',
      operation: 'patching',
      object: sts,
      patch: '{"spec":{"replicaz":3}}',
    };
    expect(formatApplyError(failure)).toBe(
      'Error from server (BadRequest): error when applying patch:\n{"spec":{"replicaz":3}}\nto:\n' +
        'Resource: "apps/v1, Resource=statefulsets", GroupVersionKind: "apps/v1, Kind=StatefulSet"\nName: "web", Namespace: "default"\n' +
        'for: "web.yaml": error when patching "web.yaml": StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error: unknown field "spec.replicaz"',
    );
  });

  it('prints several failed objects one line each, 422s in their Status form', () => {
    const invalidOne: ApplyFailure = { type: 'api', error: invalidError(sts, [mismatch]), file: 'web.yaml', operation: 'creating' };
    const client: ApplyFailure = { type: 'client', message: 'error validating "web.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false' };
    expect(formatApplyErrors([client, invalidOne])).toBe(
      'error validating "web.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n' +
        'Error from server (Invalid): error when creating "web.yaml": StatefulSet.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
    );
    expect(formatApplyErrors([client])).toBe(`error: ${client.message}`);
  });
});

describe('checkCreate', () => {
  const first = (text: string, file = 'web.yaml') => {
    const doc = parseManifests(text, file).documents[0];
    if (!doc) throw new Error('no document');
    return doc;
  };

  it('stops at the first type error, as the decoder does, before unknown fields', () => {
    const doc = first('apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec: {replicaz: 1, replicas: two}\n');
    const result = checkCreate(doc, 'web.yaml');
    expect('failure' in result && formatApplyError(result.failure)).toBe(
      'Error from server (BadRequest): error when creating "web.yaml": StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32',
    );
  });

  it('lists every unknown field in one strict decoding error', () => {
    const doc = first('apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web, lables: {}}\nspec: {replicaz: 1}\n');
    expect(decodeFailure(doc, 'web.yaml')).toMatchObject({
      error: { reason: 'BadRequest', message: 'StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error: unknown field "metadata.lables", unknown field "spec.replicaz"' },
    });
  });

  it('returns the namespaced, defaulted object when the API server would accept it', () => {
    const doc = first('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: fast}\n');
    expect(checkCreate(doc, 'cm.yaml', { namespace: 'shop', uid: 'u-7' })).toEqual({
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop', uid: 'u-7' }, data: { mode: 'fast' } },
    });
  });

  it("passes kubectl's own refusals through as client failures", () => {
    const doc = first('apiVersion: apps/v1\nkind: StatefulSett\nmetadata: {name: web}\n');
    const result = checkCreate(doc, 'web.yaml');
    expect('failure' in result && formatApplyError(result.failure)).toBe(
      'error: resource mapping not found for name: "web" namespace: "" from "web.yaml": no matches for kind "StatefulSett" in version "apps/v1"\nensure CRDs are installed first',
    );
  });

  it('rejects a Job selector the user wrote without manualSelector', () => {
    const doc = first(
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  selector: {matchLabels: {app: pi}}\n  template:\n    metadata: {labels: {app: pi}}\n    spec:\n      restartPolicy: Never\n      containers: [{name: pi, image: perl}]\n',
    );
    const result = checkCreate(doc, 'pi.yaml', { uid: 'u-1' });
    expect('failure' in result && formatApplyError(result.failure)).toBe(
      'The Job "pi" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"pi", "batch.kubernetes.io/controller-uid":"u-1"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated',
    );
  });
});
