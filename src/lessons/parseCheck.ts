/**
 * Reads one item of a step's `check:` list into a typed `LessonCheck`. The item's first key is
 * its subject (`pod: web-0`); the other keys are the fields that subject allows, each with a
 * declared type, so a typo or a wrong type is an error at its line and column.
 */
import type { YAMLMap } from 'yaml';
import { CHECK_SUBJECTS, type LessonCheck } from './checks';
import { LessonSyntaxError, type YamlReader } from './yamlReader';

type FieldType = 'boolean' | 'integer' | 'string' | readonly string[];

const NAMESPACED = { namespace: 'string' } as const;

/** The fields each subject allows, and their types. */
const FIELDS: Record<keyof typeof CHECK_SUBJECTS, Record<string, FieldType>> = {
  pod: {
    ...NAMESPACED,
    exists: 'boolean',
    phase: ['Pending', 'Running', 'Succeeded', 'Failed'],
    ready: 'boolean',
    minRestarts: 'integer',
    node: 'string',
    notNode: 'string',
    sameNodeAsBefore: 'string',
    otherNodeThanBefore: 'string',
    replaced: 'boolean',
  },
  pods: { ...NAMESPACED, count: 'integer', readyCount: 'integer', allNew: 'boolean' },
  claim: { ...NAMESPACED, exists: 'boolean', phase: ['Pending', 'Bound', 'Lost'], file: 'string', contains: 'string' },
  dns: { ...NAMESPACED, addresses: 'integer' },
  statefulSet: { ...NAMESPACED, exists: 'boolean', replicas: 'integer', readyReplicas: 'integer' },
  deployment: { ...NAMESPACED, exists: 'boolean', replicas: 'integer', readyReplicas: 'integer' },
  node: { schedulable: 'boolean', ready: 'boolean' },
};

const SUBJECTS = Object.keys(CHECK_SUBJECTS) as (keyof typeof CHECK_SUBJECTS)[];

/** Parses `- pod: web-0 \n ready: true` at `where` (`steps[2].check[0]`). */
export function parseCheck(reader: YamlReader, node: unknown, where: string): LessonCheck {
  const map: YAMLMap = reader.map(node, where);
  const keys = reader.keys(map);
  const first = keys[0];
  const subject = SUBJECTS.find((s) => s === first?.key);
  if (!first || !subject) {
    throw new LessonSyntaxError(`${where} must start with what it checks: one of ${SUBJECTS.join(', ')}`, first?.node ?? map);
  }
  const fields = FIELDS[subject];
  const check: Record<string, unknown> = { on: CHECK_SUBJECTS[subject] };
  check[subject === 'pods' ? 'selector' : 'name'] = reader.string(reader.get(map, subject), `${where}.${subject}`);
  for (const { key, node: keyNode } of keys.slice(1)) {
    const type = fields[key];
    if (type === undefined) {
      throw new LessonSyntaxError(`unknown field "${where}.${key}" for a ${subject} check (expected one of: ${Object.keys(fields).join(', ')})`, keyNode);
    }
    const value = reader.get(map, key);
    const at = `${where}.${key}`;
    if (type === 'boolean') check[key] = reader.boolean(value, at);
    else if (type === 'integer') check[key] = reader.integer(value, at);
    else if (type === 'string') check[key] = reader.string(value, at);
    else check[key] = reader.oneOf(value, type, at);
  }
  if (subject === 'dns' && check['addresses'] === undefined) throw new LessonSyntaxError(`${where}.addresses is required for a dns check`, map);
  if (check['contains'] !== undefined && check['file'] === undefined) throw new LessonSyntaxError(`${where}.contains needs a file`, map);
  return check as unknown as LessonCheck;
}
