/**
 * The file model of a container (DESIGN.md §1: "that difference is a lesson
 * in itself"). A path lives in exactly one place:
 * - under a `volumeMounts[].mountPath`: on that volume — a PersistentVolumeClaim's
 *   bound PV (`volumeRuntime(state, pv).files`, survives pod deletion and
 *   rescheduling), an emptyDir (`runtime.pods[uid].emptyDirs[name]`, survives
 *   container restarts, not the pod), a ConfigMap or Secret (read-only);
 * - anywhere else: the container's writable layer
 *   (`runtime.pods[uid].containers[i].files`, lost when the container
 *   restarts), over the read-only image layer and the kubelet-managed
 *   `/etc/hosts`, `/etc/resolv.conf`, `/etc/hostname`.
 * Volume keys are absolute paths relative to the volume root (`/index.html`).
 * A key ending in `/` marks an (empty) directory; in the container layer the
 * value `WHITEOUT` hides an image-layer path that was removed.
 *
 * Left out: permissions, owners, timestamps, symlinks; hostPath and other
 * volume types behave like an emptyDir.
 */
import type { PersistentVolumeClaim, VolumeMount } from 'kubernetes-types/core/v1';
import { boundVolume, volumeRuntime } from '../engine/storage';
import { getObject } from '../engine/store';
import type { KObject } from '../model/objects';
import { objectData } from './environment';
import { imageLayer } from './imageContent';
import { KUBELET_FILES, kubeletFile } from './systemFiles';
import type { ShellContext } from './types';

/** Container-layer value hiding a removed image-layer path (an overlayfs whiteout). */
export const WHITEOUT = '\u0000whiteout';

/** Resolves `p` against `cwd` into a normalised absolute path. */
export function normalizePath(cwd: string, p: string): string {
  const parts: string[] = [];
  for (const seg of (p.startsWith('/') ? p : `${cwd}/${p}`).split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join('/')}`;
}

/** `/a/b` → `/a`. */
export function dirname(path: string): string {
  const at = path.lastIndexOf('/');
  return at <= 0 ? '/' : path.slice(0, at);
}

/** `/a/b` → `b`. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

interface Area {
  files: Record<string, string>;
  /** Key of the path inside `files` ('' = the volume root). */
  key: string;
  readOnly: boolean;
  /** True for the container layer (image and kubelet files beneath). */
  container: boolean;
  /** The mount point when the path is on a volume. */
  mountPath?: string;
}

function claimFiles(ctx: ShellContext, claimName: string): Record<string, string> | undefined {
  const pvc = getObject<PersistentVolumeClaim & KObject>(ctx.state, 'PersistentVolumeClaim', ctx.pod.metadata.namespace, claimName);
  const pv = pvc && boundVolume(ctx.state, pvc);
  return pv ? volumeRuntime(ctx.state, pv.metadata.name).files : undefined;
}

function projected(data: Record<string, string> | undefined, items: { key: string; path: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data ?? {})) {
    if (items && items.length > 0) {
      const item = items.find((i) => i.key === k);
      if (item) out[`/${item.path}`] = v;
    } else out[`/${k}`] = v;
  }
  return out;
}

function volumeFiles(ctx: ShellContext, name: string): { files: Record<string, string>; readOnly: boolean } {
  const vol = ctx.pod.spec?.volumes?.find((v) => v.name === name);
  const ns = ctx.pod.metadata.namespace ?? 'default';
  if (vol?.persistentVolumeClaim || vol?.ephemeral) {
    const claim = vol.persistentVolumeClaim?.claimName ?? `${ctx.pod.metadata.name}-${vol.name}`;
    const files = claimFiles(ctx, claim);
    // A running container's claims are bound; an unbound one shows as an empty read-only directory.
    return files ? { files, readOnly: vol.persistentVolumeClaim?.readOnly === true } : { files: {}, readOnly: true };
  }
  if (vol?.configMap) return { files: projected(objectData(ctx.state, 'ConfigMap', ns, vol.configMap.name ?? ''), vol.configMap.items), readOnly: true };
  if (vol?.secret) return { files: projected(objectData(ctx.state, 'Secret', ns, vol.secret.secretName ?? ''), vol.secret.items), readOnly: true };
  const dirs = ctx.runtime.emptyDirs;
  dirs[name] ??= {};
  return { files: dirs[name], readOnly: false };
}

function mounts(ctx: ShellContext): VolumeMount[] {
  return [...(ctx.container.volumeMounts ?? [])]
    .map((m) => ({ ...m, mountPath: normalizePath('/', m.mountPath) }))
    .sort((a, b) => b.mountPath.length - a.mountPath.length);
}

function under(path: string, dir: string): boolean {
  return dir === '/' ? true : path === dir || path.startsWith(`${dir}/`);
}

function locate(ctx: ShellContext, path: string): Area {
  for (const m of mounts(ctx)) {
    if (!under(path, m.mountPath)) continue;
    const vol = volumeFiles(ctx, m.name);
    const rest = m.mountPath === '/' ? (path === '/' ? '' : path) : path.slice(m.mountPath.length);
    const sub = m.subPath ? normalizePath('/', m.subPath) : '';
    return { files: vol.files, key: `${sub === '/' ? '' : sub}${rest}`, readOnly: vol.readOnly || m.readOnly === true, container: false, mountPath: m.mountPath };
  }
  return { files: ctx.containerRuntime.files, key: path, readOnly: false, container: true };
}

/** What a path is: a file with its content, a directory, or nothing. */
export type Entry = { kind: 'file'; content: string } | { kind: 'dir' };

function hasChildren(files: Record<string, string>, key: string): boolean {
  const prefix = key === '' || key === '/' ? '/' : `${key}/`;
  return Object.entries(files).some(([k, v]) => k.startsWith(prefix) && v !== WHITEOUT);
}

/** Mount points strictly below `path`. */
function mountsBelow(ctx: ShellContext, path: string): string[] {
  return mounts(ctx)
    .map((m) => m.mountPath)
    .filter((mp) => mp !== path && under(mp, path));
}

/** Looks a path up. */
export function stat(ctx: ShellContext, path: string): Entry | undefined {
  if (path === '/' || mountsBelow(ctx, path).length > 0) return { kind: 'dir' };
  const area = locate(ctx, path);
  if (area.mountPath === path) return { kind: 'dir' };
  const value = area.files[area.key];
  if (value === WHITEOUT) return undefined;
  if (value !== undefined && !area.key.endsWith('/')) return { kind: 'file', content: value };
  if (area.files[`${area.key}/`] !== undefined || hasChildren(area.files, area.key)) return { kind: 'dir' };
  if (!area.container) return undefined;
  const generated = KUBELET_FILES.includes(path) ? kubeletFile(ctx.state, ctx.pod, path) : undefined;
  if (generated !== undefined) return { kind: 'file', content: generated };
  const image = imageLayer(ctx.container.image ?? '');
  const file = image.files[path];
  if (file !== undefined) return { kind: 'file', content: file };
  if (image.dirs.includes(path) || Object.keys(image.files).some((k) => k.startsWith(`${path}/`))) return { kind: 'dir' };
  return undefined;
}

function childNames(keys: Iterable<string>, dir: string): string[] {
  const prefix = dir === '/' || dir === '' ? '/' : `${dir}/`;
  const out: string[] = [];
  for (const k of keys) {
    if (!k.startsWith(prefix)) continue;
    const name = k.slice(prefix.length).split('/')[0];
    if (name) out.push(name);
  }
  return out;
}

/** The names in a directory, sorted; undefined when `path` is not a directory. */
export function readDir(ctx: ShellContext, path: string): string[] | undefined {
  if (stat(ctx, path)?.kind !== 'dir') return undefined;
  const area = locate(ctx, path);
  const names = new Set(childNames(Object.keys(area.files).filter((k) => area.files[k] !== WHITEOUT), area.key));
  if (area.container) {
    const image = imageLayer(ctx.container.image ?? '');
    const lower = [...image.dirs, ...Object.keys(image.files), ...KUBELET_FILES];
    for (const name of childNames(lower, path)) {
      if (area.files[normalizePath(path, name)] !== WHITEOUT) names.add(name);
    }
  }
  for (const name of childNames(mountsBelow(ctx, path), path)) names.add(name);
  return [...names].sort();
}

/** Writes (or appends to) a file. Returns the error reason (`Read-only file system`, …) on failure. */
export function writeFile(ctx: ShellContext, path: string, content: string, append = false): string | undefined {
  const current = stat(ctx, path);
  if (current?.kind === 'dir') return 'Is a directory';
  if (stat(ctx, dirname(path))?.kind !== 'dir') return 'nonexistent directory';
  const area = locate(ctx, path);
  if (area.readOnly) return 'Read-only file system';
  area.files[area.key] = append && current?.kind === 'file' ? current.content + content : content;
  return undefined;
}

/** Creates one directory. Returns the error reason on failure. */
export function makeDir(ctx: ShellContext, path: string): string | undefined {
  if (stat(ctx, path)) return 'File exists';
  if (stat(ctx, dirname(path))?.kind !== 'dir') return 'No such file or directory';
  const area = locate(ctx, path);
  if (area.readOnly) return 'Read-only file system';
  if (area.files[area.key] === WHITEOUT) delete area.files[area.key];
  area.files[`${area.key}/`] = '';
  return undefined;
}

/** Removes a file, or a directory tree when `recursive`. Returns the error reason on failure. */
export function removePath(ctx: ShellContext, path: string, recursive: boolean): string | undefined {
  const entry = stat(ctx, path);
  if (!entry) return 'No such file or directory';
  if (entry.kind === 'dir' && !recursive) return 'Is a directory';
  if (path === '/' || mounts(ctx).some((m) => m.mountPath === path)) return 'Resource busy';
  const area = locate(ctx, path);
  if (area.readOnly) return 'Read-only file system';
  const prefix = `${area.key}/`;
  for (const k of Object.keys(area.files)) if (k === area.key || k.startsWith(prefix)) delete area.files[k];
  if (area.container) {
    // Hide what the image (or the kubelet) provides at or below this path.
    const image = imageLayer(ctx.container.image ?? '');
    for (const p of [...image.dirs, ...Object.keys(image.files), ...KUBELET_FILES]) {
      if (under(p, path)) area.files[p] = WHITEOUT;
    }
  }
  return undefined;
}

/** Byte length of a string in UTF-8 (what `ls -l` prints as the size). */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}
