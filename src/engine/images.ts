/**
 * The simulated container runtime's model of images and commands (DESIGN §3
 * "Simulated images and commands"): which images exist in the simulated
 * registry, how big they are, and what a container's command does — server
 * images run until stopped, `sleep N` exits after N seconds, `sh -c 'exit N'`
 * exits with N, other commands in Jobs and bare pods finish after a few seconds.
 */
import type { Container } from 'kubernetes-types/core/v1';

/** True when pulling `image` fails (the name says so, or the scenario lists it as missing). */
export function imageIsMissing(image: string, missing: string[]): boolean {
  return /does-not-exist|nonexistent/.test(image) || missing.includes(image);
}

/**
 * Results of the pure string functions below, remembered: the kubelet
 * derives every container status from them on each status write. Bounded,
 * and shared by all simulations (they hold no simulation state).
 */
const qualifiedImages = new Map<string, string>();
const digests = new Map<string, string>();
const MEMO_LIMIT = 1024;

function remembered(memo: Map<string, string>, key: string, compute: (key: string) => string): string {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute(key);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, value);
  }
  return value;
}

/** The fully qualified reference containerd reports, e.g. `docker.io/library/nginx:1.25`. */
export function qualifiedImage(image: string): string {
  return remembered(qualifiedImages, image, qualify);
}

function qualify(image: string): string {
  let ref = image;
  if (!/:[^/]+$/.test(ref) && !ref.includes('@')) ref += ':latest';
  const first = ref.split('/')[0] ?? '';
  if (!ref.includes('/')) return `docker.io/library/${ref}`;
  if (!first.includes('.') && !first.includes(':') && first !== 'localhost') return `docker.io/${ref}`;
  return ref;
}

function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A stable pseudo image size in bytes (for the Pulled event). */
export function imageSize(image: string): number {
  return 10_000_000 + (hash32(image) % 90_000_000);
}

/** A stable pseudo digest for imageID / containerID. */
export function pseudoDigest(text: string): string {
  return remembered(digests, text, digestOf);
}

function digestOf(text: string): string {
  let out = '';
  for (let i = 0; out.length < 64; i++) out += hash32(`${text}#${i}`).toString(16).padStart(8, '0');
  return out.slice(0, 64);
}

/** Images whose entrypoint is a long-running server (by repository name, any registry or tag). */
const SERVER_IMAGES = /^(nginx|nginx-slim|nginx-unprivileged|httpd|apache2?|redis|postgres|postgresql|mysql|mariadb|mongo|memcached|rabbitmq|elasticsearch|zookeeper|kubernetes-zookeeper|cassandra|etcd|consul|vault|minio|traefik|haproxy|caddy|registry|pause|agnhost|echoserver|hello-app|whoami|grafana|prometheus|kafka)$/;

/** True when the image's own entrypoint runs until stopped (web servers, databases…). */
export function isServerImage(image: string): boolean {
  const repo = (image.split('@')[0] ?? '').replace(/:[^/:]*$/, '').split('/').pop() ?? '';
  return SERVER_IMAGES.test(repo);
}

/** What a container will do once started. */
export type ProcessPlan =
  | { kind: 'server' }
  | { kind: 'exit'; afterMs: number; exitCode: number; ignoresSigterm: boolean };

function shellExit(script: string): { code: number } | undefined {
  const m = /^\s*exit\s+(\d+)\s*$/.exec(script);
  return m ? { code: Number(m[1]) } : undefined;
}

/**
 * Reads a container's command/args for the common shapes. `batch` is true for
 * pods that are expected to finish (Jobs, bare pods with restartPolicy other
 * than Always): unknown commands there complete successfully after `runMs`.
 */
export function processPlan(container: Container, batch: boolean, runMs: number): ProcessPlan {
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  // No command: the image's own entrypoint runs. Servers keep running; in a Job or bare pod any
  // other image is a batch process (e.g. the seeds' `jakousa/simple-backup-example`).
  if (argv.length === 0) return batch && !isServerImage(container.image ?? '') ? { kind: 'exit', afterMs: runMs, exitCode: 0, ignoresSigterm: false } : { kind: 'server' };
  const [cmd, ...rest] = argv;
  const base = (cmd ?? '').split('/').pop() ?? '';
  if (base === 'sleep') {
    const n = Number(rest[0]);
    if (rest[0] === 'infinity' || !Number.isFinite(n)) return { kind: 'server' };
    return { kind: 'exit', afterMs: n * 1000, exitCode: 0, ignoresSigterm: true };
  }
  if (base === 'true') return { kind: 'exit', afterMs: 0, exitCode: 0, ignoresSigterm: false };
  if (base === 'false') return { kind: 'exit', afterMs: 0, exitCode: 1, ignoresSigterm: false };
  if (base === 'echo') return { kind: 'exit', afterMs: 0, exitCode: 0, ignoresSigterm: false };
  if ((base === 'sh' || base === 'bash' || base === 'ash') && rest[0] === '-c') {
    const script = rest.slice(1).join(' ');
    const exit = shellExit(script);
    if (exit) return { kind: 'exit', afterMs: 0, exitCode: exit.code, ignoresSigterm: true };
    const sleep = /^\s*sleep\s+(\d+)\s*$/.exec(script);
    if (sleep) return { kind: 'exit', afterMs: Number(sleep[1]) * 1000, exitCode: 0, ignoresSigterm: true };
    if (/sleep\s+infinity|while\s+true|tail\s+-f/.test(script)) return { kind: 'server' };
  }
  if (/^(nginx|httpd|redis-server|mysqld|postgres|docker-entrypoint\.sh)$/.test(base)) return { kind: 'server' };
  return batch ? { kind: 'exit', afterMs: runMs, exitCode: 0, ignoresSigterm: false } : { kind: 'server' };
}
