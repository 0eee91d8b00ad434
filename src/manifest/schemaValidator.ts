/**
 * Strict decoding of a manifest against the generated schema (`k8s.schema.json`), imitating what
 * the API server's decoder does with `fieldValidation=Strict` (kubectl's default): a value of the
 * wrong JSON type fails the whole request with encoding/json's `UnmarshalTypeError` text
 * (`json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32`),
 * unknown fields fail it with `strict decoding error: unknown field "spec.replicaz"`, a bad
 * quantity with resource.Quantity's parse error and bad Secret bytes with encoding/base64's.
 *
 * This is a small walker over the schema keywords the generator emits (type, properties,
 * additionalProperties, required, items, $ref); no ajv, because the app's CSP forbids `new Function`.
 * Objects are walked in sorted key order, the order in which the API server sees them (kubectl
 * turns YAML into JSON through Go maps), so the first type error is the one the server reports.
 * `required` is reported separately: the decoder itself never requires fields; the caller turns
 * missing ones into `Required value` errors where the API server's validation would.
 */
import schemaJson from './k8s.schema.json';
import { parseQuantity } from '../model/quantity';

/** The subset of JSON Schema the generator emits. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  $ref?: string;
  format?: string;
  description?: string;
}

/** A path into a document: keys and list indices. */
export type FieldPath = (string | number)[];

/** One finding of the walker. `message` is the text the API server's decoder would use. */
export interface SchemaIssue {
  kind: 'unknown' | 'type' | 'required';
  path: FieldPath;
  message: string;
}

const DEFINITIONS = (schemaJson as unknown as { definitions: Record<string, JsonSchema> }).definitions;

/** The schema definition of a kind, if the playground knows the kind. */
export function kindSchema(kind: string): JsonSchema | undefined {
  return DEFINITIONS[kind];
}

/** `spec.template.spec.containers[0].image`: how strict decoding and validation print paths. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

const INT64_FIELDS = new Set([
  'activeDeadlineSeconds',
  'deletionGracePeriodSeconds',
  'expirationSeconds',
  'fsGroup',
  'generation',
  'observedGeneration',
  'revision',
  'runAsGroup',
  'runAsUser',
  'seconds',
  'startingDeadlineSeconds',
  'supplementalGroups',
  'terminationGracePeriodSeconds',
  'tolerationSeconds',
]);

/** Go named string types of the fields learners most often get wrong. */
const NAMED_STRINGS: Record<string, string> = {
  'Container.imagePullPolicy': 'v1.PullPolicy',
  'Container.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'ContainerPort.protocol': 'v1.Protocol',
  'ServicePort.protocol': 'v1.Protocol',
  'PodSpec.restartPolicy': 'v1.RestartPolicy',
  'PodSpec.dnsPolicy': 'v1.DNSPolicy',
  'ServiceSpec.type': 'v1.ServiceType',
  'ServiceSpec.sessionAffinity': 'v1.ServiceAffinity',
  'StatefulSetSpec.podManagementPolicy': 'v1.PodManagementPolicyType',
  'StatefulSetUpdateStrategy.type': 'v1.StatefulSetUpdateStrategyType',
  'DeploymentStrategy.type': 'v1.DeploymentStrategyType',
  'PersistentVolumeClaimSpec.accessModes': 'v1.PersistentVolumeAccessMode',
  'PersistentVolumeSpec.accessModes': 'v1.PersistentVolumeAccessMode',
  'PersistentVolumeClaimSpec.volumeMode': 'v1.PersistentVolumeMode',
  'PersistentVolumeSpec.persistentVolumeReclaimPolicy': 'v1.PersistentVolumeReclaimPolicy',
  'StorageClass.reclaimPolicy': 'v1.PersistentVolumeReclaimPolicy',
  'StorageClass.volumeBindingMode': 'v1.VolumeBindingMode',
  'CronJobSpec.concurrencyPolicy': 'v1.ConcurrencyPolicy',
  'JobSpec.completionMode': 'v1.CompletionMode',
  'Secret.type': 'v1.SecretType',
  'Toleration.operator': 'v1.TolerationOperator',
  'Toleration.effect': 'v1.TaintEffect',
  'LabelSelectorRequirement.operator': 'v1.LabelSelectorOperator',
};
const RESOURCE_LISTS = new Set(['limits', 'requests', 'capacity', 'allocatable', 'hard']);
const BYTE_MAPS = new Set(['Secret.data', 'ConfigMap.binaryData']);
const QUANTITY_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

function resolve(schema: JsonSchema): { schema: JsonSchema; name?: string } {
  if (!schema.$ref) return { schema };
  const name = schema.$ref.replace('#/definitions/', '');
  return { schema: { ...(DEFINITIONS[name] ?? {}), description: schema.description }, name };
}

function types(schema: JsonSchema): string[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}

/** The Go type a field decodes into (`int32`, `[]v1.Container`, `map[string]string`, ...). */
function goType(schema: JsonSchema, owner: string, field: string): string {
  const { schema: s, name } = resolve(schema);
  const named = NAMED_STRINGS[`${owner}.${field}`];
  const t = types(s);
  if (s.format === 'int-or-string') return 'intstr.IntOrString';
  if (s.format === 'quantity') return 'resource.Quantity';
  if (t.includes('array')) return `[]${goType(s.items ?? {}, owner, field)}`;
  if (t.includes('object')) {
    if (name) return `v1.${name}`;
    if (RESOURCE_LISTS.has(field)) return 'v1.ResourceList';
    if (BYTE_MAPS.has(`${owner}.${field}`)) return 'map[string][]uint8';
    const values = typeof s.additionalProperties === 'object' ? goType(s.additionalProperties, owner, field) : 'interface {}';
    return `map[string]${values}`;
  }
  if (t.includes('integer')) return INT64_FIELDS.has(field) ? 'int64' : 'int32';
  if (t.includes('boolean')) return 'bool';
  if (name) return `v1.${name}`;
  return named ?? 'string';
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

/** encoding/base64 StdEncoding's first failure offset, or -1 (`CorruptInputError`). */
export function base64ErrorOffset(text: string): number {
  const alphabet = /[A-Za-z0-9+/]/;
  let si = 0;
  while (si < text.length) {
    let j = 0;
    while (j < 4) {
      if (si === text.length) return j === 0 ? -1 : si - j;
      const ch = text[si] as string;
      si++;
      if (alphabet.test(ch)) {
        j++;
        continue;
      }
      if (ch === '\n' || ch === '\r') continue;
      if (ch !== '=' || j < 2) return si - 1;
      if (j === 2) {
        while (si < text.length && (text[si] === '\n' || text[si] === '\r')) si++;
        if (si === text.length) return text.length;
        if (text[si] !== '=') return si - 1;
        si++;
      }
      while (si < text.length && (text[si] === '\n' || text[si] === '\r')) si++;
      return si < text.length ? si : -1;
    }
  }
  return -1;
}

interface WalkContext {
  issues: SchemaIssue[];
  inStatus: boolean;
}

function walk(value: unknown, schema: JsonSchema, path: FieldPath, goPath: string, owner: string, field: string, ctx: WalkContext): void {
  if (value === null || value === undefined) return;
  const { schema: s, name } = resolve(schema);
  const typeError = (what: string): void => {
    ctx.issues.push({
      kind: 'type',
      path,
      message: `json: cannot unmarshal ${what} into Go struct field ${owner}.${goPath} of type ${goType(schema, owner, field)}`,
    });
  };
  if (s.format === 'quantity') {
    if (typeof value === 'number') return;
    const text = typeof value === 'string' ? value.trim() : JSON.stringify(value);
    if (!QUANTITY_RE.test(text)) {
      ctx.issues.push({ kind: 'type', path, message: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" });
    } else if (parseQuantity(text) === undefined) {
      ctx.issues.push({ kind: 'type', path, message: "unable to parse quantity's suffix" });
    }
    return;
  }
  if (s.format === 'int-or-string') {
    if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) return;
    const what = typeof value === 'number' ? `number ${value}` : jsonKind(value);
    ctx.issues.push({ kind: 'type', path, message: `json: cannot unmarshal ${what} into Go value of type int32` });
    return;
  }
  const allowed = types(s);
  const kind = jsonKind(value);
  if (allowed.length && !allowed.includes(kind === 'bool' ? 'boolean' : kind)) {
    if (kind === 'number' && allowed.includes('integer')) {
      if (!Number.isInteger(value)) typeError(`number ${String(value)}`);
    } else {
      typeError(kind);
      return;
    }
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, s.items ?? {}, [...path, i], goPath, owner, field, ctx));
    return;
  }
  if (kind === 'string' && BYTE_MAPS.has(`${owner}.${field}`) && path.length > 0) {
    const at = base64ErrorOffset(value as string);
    if (at >= 0) ctx.issues.push({ kind: 'type', path, message: `illegal base64 data at input byte ${at}` });
    return;
  }
  if (kind !== 'object') return;
  const obj = value as Record<string, unknown>;
  const structName = name ?? owner;
  if (s.properties) {
    for (const key of Object.keys(obj).sort()) {
      const prop = s.properties[key];
      // Sub-walks share the issue list; `required` is not checked under `status`, which the
      // API server ignores on create.
      if (prop) walk(obj[key], prop, [...path, key], goPath ? `${goPath}.${key}` : key, structName, key, { issues: ctx.issues, inStatus: ctx.inStatus || key === 'status' });
      else if (s.additionalProperties === false) ctx.issues.push({ kind: 'unknown', path: [...path, key], message: `unknown field "${formatPath([...path, key])}"` });
    }
    if (!ctx.inStatus) {
      for (const key of s.required ?? []) {
        if (obj[key] === undefined || obj[key] === null) ctx.issues.push({ kind: 'required', path: [...path, key], message: `${formatPath([...path, key])}: Required value` });
      }
    }
  } else if (typeof s.additionalProperties === 'object') {
    // A map: its values decode into the map's element type; Go paths do not show map keys.
    for (const key of Object.keys(obj).sort()) walk(obj[key], s.additionalProperties, [...path, key], goPath, owner, field, ctx);
  }
}

/**
 * Walks `value` (a whole object of `kind`) and returns what strict decoding would complain about,
 * in the order the API server meets it.
 */
export function validateAgainstSchema(value: unknown, kind: string): SchemaIssue[] {
  const schema = DEFINITIONS[kind];
  if (!schema) return [];
  const ctx: WalkContext = { issues: [], inStatus: false };
  walk(value, { $ref: `#/definitions/${kind}` }, [], '', kind, '', ctx);
  return ctx.issues;
}
