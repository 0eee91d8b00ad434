/**
 * A container's environment as `env` shows it: the image's PATH, HOSTNAME,
 * the container's `env`/`envFrom` (kubelet `makeEnvironmentVariables`, with
 * `$(VAR)` references expanded) and the Docker-link style variables of the
 * Services that existed when the container started
 * (`pkg/kubelet/envvars`; `enableServiceLinks`, default true; the
 * `kubernetes` Service's variables are always present). Headless Services get
 * no variables: they have no IP.
 *
 * Left out: `resourceFieldRef` (empty), the image's own variables
 * (NGINX_VERSION…), `optional` refs to missing objects (skipped silently).
 */
import type { ConfigMap, Container, EnvVar, Secret, Service } from 'kubernetes-types/core/v1';
import type { ClusterState } from '../engine/clusterState';
import { getObject, listObjects } from '../engine/store';
import type { KObject } from '../model/objects';
import { podFieldValue, type PodObject } from '../model/pod';
import { podHostname } from './systemFiles';

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Decodes a Secret's base64 value as UTF-8 (Latin-1 when it is not valid UTF-8). */
export function decodeBase64(text: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text.replace(/[^A-Za-z0-9+/]/g, '')) {
    buffer = (buffer << 6) | alphabet.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  try {
    return decodeURIComponent(bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
  } catch {
    return String.fromCharCode(...bytes);
  }
}

/** The string values of a ConfigMap or Secret (Secret data decoded). */
export function objectData(state: ClusterState, kind: 'ConfigMap' | 'Secret', ns: string, name: string): Record<string, string> | undefined {
  if (kind === 'ConfigMap') {
    const cm = getObject<ConfigMap & KObject>(state, 'ConfigMap', ns, name);
    return cm ? { ...cm.data } : undefined;
  }
  const secret = getObject<Secret & KObject>(state, 'Secret', ns, name);
  if (!secret) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret.data ?? {})) out[k] = decodeBase64(v);
  return { ...out, ...secret.stringData };
}


function envValue(state: ClusterState, pod: PodObject, env: EnvVar, known: Map<string, string>): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const from = env.valueFrom;
  if (!from) {
    // `$(VAR)` refers to an earlier variable; `$$(` escapes it.
    return (env.value ?? '').replace(/\$\$\(|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name?: string) =>
      name === undefined ? '$(' : (known.get(name) ?? m),
    );
  }
  if (from.fieldRef) return podFieldValue(pod, from.fieldRef.fieldPath);
  if (from.configMapKeyRef) return objectData(state, 'ConfigMap', ns, from.configMapKeyRef.name ?? '')?.[from.configMapKeyRef.key];
  if (from.secretKeyRef) return objectData(state, 'Secret', ns, from.secretKeyRef.name ?? '')?.[from.secretKeyRef.key];
  return '';
}

function serviceVariables(svc: Service & KObject): [string, string][] {
  const ip = svc.spec?.clusterIP as string;
  const prefix = svc.metadata.name.toUpperCase().replace(/-/g, '_');
  const ports = svc.spec?.ports ?? [];
  const first = ports[0];
  const out: [string, string][] = [[`${prefix}_SERVICE_HOST`, ip]];
  if (!first) return out;
  out.push([`${prefix}_SERVICE_PORT`, String(first.port)]);
  for (const p of ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
  out.push([`${prefix}_PORT`, `${(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}`]);
  for (const p of ports) {
    const proto = p.protocol ?? 'TCP';
    const base = `${prefix}_PORT_${p.port}_${proto}`;
    out.push([base, `${proto.toLowerCase()}://${ip}:${p.port}`]);
    out.push([`${base}_PROTO`, proto.toLowerCase()]);
    out.push([`${base}_PORT`, String(p.port)]);
    out.push([`${base}_ADDR`, ip]);
  }
  return out;
}

/** Services whose variables a container started at `startedAtMs` (simulated ms) got. */
function linkedServices(state: ClusterState, pod: PodObject, startedAtMs: number): (Service & KObject)[] {
  const ns = pod.metadata.namespace ?? 'default';
  const startedWall = state.epochMs + startedAtMs;
  const hasIp = (s: Service) => Boolean(s.spec?.clusterIP) && s.spec?.clusterIP !== 'None';
  const existed = (s: KObject) => !s.metadata.creationTimestamp || Date.parse(s.metadata.creationTimestamp) <= startedWall;
  const out: (Service & KObject)[] = [];
  const master = getObject<Service & KObject>(state, 'Service', 'default', 'kubernetes');
  if (master && hasIp(master)) out.push(master);
  if (pod.spec?.enableServiceLinks === false) return out;
  for (const svc of listObjects<Service & KObject>(state, 'Service', ns)) {
    if (svc === master || !hasIp(svc) || !existed(svc)) continue;
    out.push(svc);
  }
  return out;
}

/** The environment of `container` in `pod`, in the order `env` prints it. */
export function containerEnvironment(state: ClusterState, pod: PodObject, container: Container, startedAtMs: number): [string, string][] {
  const ns = pod.metadata.namespace ?? 'default';
  const vars = new Map<string, string>();
  vars.set('PATH', PATH);
  vars.set('HOSTNAME', podHostname(pod));
  for (const src of container.envFrom ?? []) {
    const data = src.configMapRef
      ? objectData(state, 'ConfigMap', ns, src.configMapRef.name ?? '')
      : src.secretRef
        ? objectData(state, 'Secret', ns, src.secretRef.name ?? '')
        : undefined;
    for (const [k, v] of Object.entries(data ?? {})) vars.set(`${src.prefix ?? ''}${k}`, v);
  }
  for (const env of container.env ?? []) {
    const value = envValue(state, pod, env, vars);
    if (value !== undefined) vars.set(env.name, value);
  }
  const links = linkedServices(state, pod, startedAtMs).flatMap(serviceVariables);
  for (const [k, v] of links.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) if (!vars.has(k)) vars.set(k, v);
  vars.set('HOME', '/root');
  return [...vars.entries()];
}
