/**
 * HTTP inside the cluster, for `curl` and `wget`: the client resolves the host
 * with cluster DNS, kube-proxy turns a cluster IP into the first ready endpoint
 * of the Service (with the Service port mapped to the endpoint's port; no ready
 * endpoint → the connection is rejected, R14.12), and a web image's server
 * answers from its document root in that container's file model:
 * - nginx: `<path>/` → `index.html`, or `403 Forbidden` for a directory
 *   without one (what a freshly mounted, empty volume gives); a directory
 *   without the trailing `/` → `301`; missing → `404`;
 * - httpd: the same, except that a directory without `index.html` is listed.
 * Only port 80 of nginx/httpd containers is served; anything else refuses.
 *
 * Left out: network partitions (traffic to a pod on a downed node still
 * works), load balancing across endpoints, NetworkPolicy, TLS.
 */
import type { ClusterState } from '../engine/clusterState';
import { listObjects } from '../engine/store';
import { resolveAddresses } from '../dns/resolve';
import { serviceViews } from '../dns/dnsRecords';
import { isTerminal, type PodObject } from '../model/pod';
import { containerContext } from './context';
import { normalizePath, readDir, stat } from './fileSystem';
import { documentRoot, errorPage, HTTP_PORT, httpdIndexPage, imageKind, serverName } from './imageContent';
import type { ShellContext } from './types';

/** The parts of a URL that matter here. */
export interface ParsedUrl {
  scheme: string;
  host: string;
  port: number;
  /** Path and query as sent (`/`, `/index.html`). */
  path: string;
}

/** Parses `http://host[:port][/path]`; a missing scheme means http. */
export function parseUrl(text: string): ParsedUrl | undefined {
  const m = /^(?:([a-z]+):\/\/)?([^/:?#\s]+)(?::(\d+))?([/?#][^\s]*)?$/i.exec(text);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  return { scheme, host: m[2] as string, port, path: m[4] ?? '/' };
}

/** What a request ends with: a response, or curl's connection errors (6, 7). */
export type HttpOutcome =
  | { kind: 'response'; ip: string; status: number; body: string; server: string; location?: string }
  | { kind: 'unresolved' }
  | { kind: 'refused'; ip: string }
  | { kind: 'unreachable'; ip: string };

/** The pod (and port) a connection to ip:port ends up at, after kube-proxy. */
function route(ctx: ShellContext, ip: string, port: number): { pod: PodObject; port: number } | 'refused' | 'unreachable' {
  if (ip === '127.0.0.1' || ip === ctx.pod.status?.podIP) return { pod: ctx.pod, port };
  const view = serviceViews(ctx.state).find((v) => v.clusterIP === ip);
  if (view) {
    const sp = view.ports.find((p) => p.port === port && p.protocol === 'TCP');
    if (!sp) return 'refused';
    for (const ep of view.endpoints) {
      const target = ep.ports.find((p) => p.name === sp.name && p.protocol === 'TCP');
      const pod = listObjects<PodObject>(ctx.state, 'Pod', view.namespace).find((p) => p.metadata.name === ep.pod);
      if (target && pod) return { pod, port: target.port };
    }
    return 'refused';
  }
  const pod = listObjects<PodObject>(ctx.state, 'Pod').find((p) => p.status?.podIP === ip && !isTerminal(p));
  return pod ? { pod, port } : 'unreachable';
}

function respond(ctx: ShellContext, kind: 'nginx' | 'httpd', root: string, url: ParsedUrl, ip: string): HttpOutcome {
  const image = ctx.container.image ?? '';
  const server = serverName(kind, image);
  let urlPath = url.path.replace(/[?#].*$/, '') || '/';
  try {
    urlPath = decodeURIComponent(urlPath);
  } catch {
    // A malformed escape is served as typed.
  }
  const fsPath = normalizePath(root, `.${normalizePath('/', urlPath)}`);
  const entry = stat(ctx, fsPath);
  const page = (status: 200 | 301 | 403 | 404, body?: string, location?: string): HttpOutcome => ({
    kind: 'response',
    ip,
    status,
    body: body ?? errorPage(kind, status as 301 | 403 | 404, image, location),
    server,
    ...(location ? { location } : {}),
  });
  if (entry?.kind === 'file') return page(200, entry.content);
  if (entry?.kind !== 'dir') return page(404);
  if (!urlPath.endsWith('/')) {
    const port = url.port === 80 ? '' : `:${url.port}`;
    return page(301, undefined, `http://${url.host}${port}${urlPath}/`);
  }
  const index = stat(ctx, `${fsPath === '/' ? '' : fsPath}/index.html`);
  if (index?.kind === 'file') return page(200, index.content);
  if (kind === 'httpd') return page(200, httpdIndexPage(urlPath, readDir(ctx, fsPath) ?? []));
  return page(403);
}

/** Serves a request that reached `pod` on `port`, or refuses it. */
function serve(state: ClusterState, pod: PodObject, url: ParsedUrl, port: number, ip: string): HttpOutcome {
  for (const c of pod.spec?.containers ?? []) {
    const kind = imageKind(c.image ?? '');
    const root = documentRoot(kind);
    if (!root || (kind !== 'nginx' && kind !== 'httpd') || port !== HTTP_PORT || url.scheme !== 'http') continue;
    const ctx = containerContext(state, pod, c.name);
    if (ctx) return respond(ctx, kind, root, url, ip);
  }
  return { kind: 'refused', ip };
}

/** An HTTP GET from the container of `ctx`. */
export function httpGet(ctx: ShellContext, url: ParsedUrl): HttpOutcome {
  const host = url.host.toLowerCase();
  const ns = ctx.pod.metadata.namespace ?? 'default';
  const ip = host === 'localhost' ? '127.0.0.1' : resolveAddresses(ctx.state, host, ns)[0];
  if (!ip) return { kind: 'unresolved' };
  const dest = route(ctx, ip, url.port);
  if (dest === 'refused' || dest === 'unreachable') return { kind: dest, ip };
  return serve(ctx.state, dest.pod, url, dest.port, ip);
}
