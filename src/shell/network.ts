/**
 * The exec shell's network commands, answered by the simulated cluster DNS
 * and `httpServer.ts`: `curl` (curl 7.88 messages), `wget` (busybox),
 * `nslookup` (busybox 1.28's format, as in the seeds, and the newer busybox
 * format for `-type=`), `ping` (busybox; one reply per count, no time passes).
 *
 * Ping: pods answer (ttl 64 on the same node, 62 across nodes, as on a
 * flannel/kindnet network); a cluster IP never answers (kube-proxy only
 * forwards the Service's ports), nor does an address without a pod.
 */
import { NAMESERVER, resolve, resolveAddresses } from '../dns/resolve';
import { isIPv4, reverseName, type DnsType } from '../dns/dnsRecords';
import { listObjects } from '../engine/store';
import { isTerminal, type PodObject } from '../model/pod';
import { normalizePath, writeFile } from './fileSystem';
import { reasonPhrase } from './imageContent';
import { httpGet, parseUrl, type HttpOutcome, type ParsedUrl } from './httpServer';
import { fail, ok, type ExecResult, type ShellCommand, type ShellContext } from './types';

/** Options taking a value, per command (their values are skipped unless used). */
const CURL_VALUE_OPTIONS = new Set(['-o', '-m', '--max-time', '--connect-timeout', '-H', '--header', '-X', '--request', '-w', '--write-out', '-A', '--user-agent', '-d', '--data']);

function fetchFollowing(ctx: ShellContext, url: ParsedUrl, follow: boolean): { url: ParsedUrl; outcome: HttpOutcome } {
  let current = url;
  let outcome = httpGet(ctx, current);
  for (let hops = 0; follow && hops < 5 && outcome.kind === 'response' && outcome.location; hops++) {
    const next = parseUrl(outcome.location);
    if (!next) break;
    current = next;
    outcome = httpGet(ctx, current);
  }
  return { url: current, outcome };
}

function headers(outcome: Extract<HttpOutcome, { kind: 'response' }>): string {
  const lines = [`HTTP/1.1 ${outcome.status} ${reasonPhrase(outcome.status)}`, `Server: ${outcome.server}`, 'Content-Type: text/html', `Content-Length: ${outcome.body.length}`];
  if (outcome.location) lines.push(`Location: ${outcome.location}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

const curl: ShellCommand = (ctx, args) => {
  const flags = new Set<string>();
  let output: string | undefined;
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (CURL_VALUE_OPTIONS.has(a)) {
      if (a === '-o') output = args[i + 1];
      i++;
    } else if (a.startsWith('--')) flags.add(a);
    else if (a.startsWith('-') && a.length > 1) for (const f of a.slice(1)) flags.add(f);
    else target ??= a;
  }
  if (!target) return fail("curl: try 'curl --help' or 'curl --manual' for more information", 2);
  const quiet = (flags.has('s') || flags.has('--silent')) && !flags.has('S') && !flags.has('--show-error');
  const err = (code: number, text: string) => fail(quiet ? '' : `curl: (${code}) ${text}`, code);
  const url = parseUrl(target);
  if (!url) return err(3, 'URL using bad/illegal format or missing URL');
  const { url: final, outcome } = fetchFollowing(ctx, url, flags.has('L') || flags.has('--location'));
  if (outcome.kind === 'unresolved') return err(6, `Could not resolve host: ${final.host}`);
  if (outcome.kind === 'refused') return err(7, `Failed to connect to ${final.host} port ${final.port} after 0 ms: Connection refused`);
  if (outcome.kind === 'unreachable') return err(7, `Failed to connect to ${final.host} port ${final.port} after 3071 ms: No route to host`);
  if ((flags.has('f') || flags.has('--fail')) && outcome.status >= 400) return err(22, `The requested URL returned error: ${outcome.status}`);
  const text = flags.has('I') ? headers(outcome) : flags.has('i') ? headers(outcome) + outcome.body : outcome.body;
  if (output !== undefined && output !== '-') {
    const error = writeFile(ctx, normalizePath(ctx.session.cwd, output), text);
    return error ? err(23, `Failure writing output to destination`) : ok();
  }
  return ok(text);
};

const wget: ShellCommand = (ctx, args) => {
  let quiet = false;
  let output: string | undefined;
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-O') output = args[++i];
    else if (a === '-T' || a === '-t' || a === '-U') i++;
    else if (/^-[a-zA-Z]+/.test(a)) {
      if (a.includes('q')) quiet = true;
      const o = a.indexOf('O');
      if (o >= 0) output = a.slice(o + 1) || args[++i];
    } else target ??= a;
  }
  const url = target ? parseUrl(target) : undefined;
  if (!url) return fail('Usage: wget [-cqS] [-O FILE] URL', 1);
  const { url: final, outcome } = fetchFollowing(ctx, url, true);
  if (outcome.kind === 'unresolved') return fail(`wget: bad address '${final.host}'`);
  const progress = quiet ? '' : `Connecting to ${final.host} (${outcome.ip}:${final.port})\n`;
  if (outcome.kind !== 'response') {
    return fail(`${progress}wget: can't connect to remote host (${outcome.ip}): ${outcome.kind === 'refused' ? 'Connection refused' : 'No route to host'}`);
  }
  if (outcome.status >= 400) return fail(`${progress}wget: server returned error: HTTP/1.1 ${outcome.status} ${reasonPhrase(outcome.status)}`);
  if (output === '-') return { stdout: outcome.body, stderr: quiet ? '' : `${progress}writing to stdout\nwritten to stdout\n`, exitCode: 0 };
  const file = output ?? (final.path.replace(/[?#].*$/, '').split('/').pop() || 'index.html');
  const error = writeFile(ctx, normalizePath(ctx.session.cwd, file), outcome.body);
  if (error) return fail(`${progress}wget: can't open '${file}': ${error}`);
  return { stdout: '', stderr: quiet ? '' : `${progress}saving to '${file}'\n'${file}' saved\n`, exitCode: 0 };
};

/** The name busybox prints next to an address (its PTR), if any. */
function reverseOf(ctx: ShellContext, ip: string): string | undefined {
  const ptr = resolve(ctx.state, `${reverseName(ip)}.`, 'PTR').answers[0];
  return ptr?.data.replace(/\.$/, '');
}

/** busybox 1.28 nslookup: getaddrinfo on the name, then a reverse lookup of every address. */
function nslookupClassic(ctx: ShellContext, name: string): ExecResult {
  const serverName = reverseOf(ctx, NAMESERVER);
  const header = `Server:    ${NAMESERVER}\nAddress 1: ${NAMESERVER}${serverName ? ` ${serverName}` : ''}\n\n`;
  const ips = resolveAddresses(ctx.state, name, ctx.pod.metadata.namespace ?? 'default');
  if (ips.length === 0) return fail(`nslookup: can't resolve '${name}'`, 1, header);
  const lines = ips.map((ip, i) => {
    const rev = reverseOf(ctx, ip);
    return `Address ${i + 1}: ${ip}${rev ? ` ${rev}` : ''}\n`;
  });
  return ok(`${header}Name:      ${name}\n${lines.join('')}`);
}

/** Newer busybox nslookup (`-type=a|srv|ptr`): answers as records. */
function nslookupTyped(ctx: ShellContext, name: string, type: DnsType): ExecResult {
  const header = `Server:\t\t${NAMESERVER}\nAddress:\t${NAMESERVER}:53\n\n`;
  const result = resolve(ctx.state, name, type, { namespace: ctx.pod.metadata.namespace ?? 'default' });
  if (result.rcode === 'NXDOMAIN') return fail('', 1, `${header}** server can't find ${name}: NXDOMAIN\n\n`);
  const lines = result.answers.map((a) => {
    if (a.type === 'A') return `Name:\t${a.name}\nAddress: ${a.data}\n`;
    const data = a.data.replace(/\.$/, '');
    return a.type === 'SRV' ? `${a.name}\tservice = ${data}\n` : `${a.name}\tname = ${data}\n`;
  });
  return ok(`${header}${lines.join('')}\n`);
}

const nslookup: ShellCommand = (ctx, args) => {
  const typeArg = args.find((a) => /^-(type|query|q)=/i.test(a));
  const operands = args.filter((a) => !a.startsWith('-'));
  const name = operands[0];
  if (!name) return fail('Usage: nslookup [HOST] [SERVER]', 1);
  if (!typeArg) return nslookupClassic(ctx, name);
  const type = typeArg.split('=')[1]?.toUpperCase();
  if (type !== 'A' && type !== 'SRV' && type !== 'PTR') return fail(`nslookup: invalid query type "${typeArg.split('=')[1] ?? ''}"`, 1);
  return nslookupTyped(ctx, type === 'PTR' && isIPv4(name) ? reverseName(name) : name, type);
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

function millis(us: number): string {
  return `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;
}

const ping: ShellCommand = (ctx, args) => {
  let count = 4;
  let host: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-c') count = Number(args[++i]);
    else if (/^-c\d+$/.test(a)) count = Number(a.slice(2));
    else if (a === '-W' || a === '-w' || a === '-s' || a === '-i') i++;
    else if (!a.startsWith('-')) host ??= a;
  }
  if (!host) return fail('Usage: ping [OPTIONS] HOST', 1);
  if (!Number.isFinite(count) || count < 1) count = 1;
  const ip = host === 'localhost' ? '127.0.0.1' : resolveAddresses(ctx.state, host, ctx.pod.metadata.namespace ?? 'default')[0];
  if (!ip) return fail(`ping: bad address '${host}'`, 1);
  const self = ip === '127.0.0.1' || ip === ctx.pod.status?.podIP;
  const peer = self ? ctx.pod : listObjects<PodObject>(ctx.state, 'Pod').find((p) => p.status?.podIP === ip && !isTerminal(p));
  let out = `PING ${host} (${ip}): 56 data bytes\n`;
  const times: number[] = [];
  if (peer) {
    const sameNode = self || peer.spec?.nodeName === ctx.pod.spec?.nodeName;
    for (let seq = 0; seq < count; seq++) {
      // A stable, plausible round trip: tens of µs locally, a few hundred across nodes.
      const us = (sameNode ? 40 : 150) + (hash(`${ctx.pod.status?.podIP}>${ip}#${seq}`) % (sameNode ? 80 : 300));
      times.push(us);
      out += `64 bytes from ${ip}: seq=${seq} ttl=${sameNode ? 64 : 62} time=${millis(us)} ms\n`;
    }
  }
  const received = times.length;
  out += `\n--- ${host} ping statistics ---\n${count} packets transmitted, ${received} packets received, ${Math.round(((count - received) / count) * 100)}% packet loss\n`;
  if (received > 0) {
    const avg = Math.round(times.reduce((s, t) => s + t, 0) / received);
    out += `round-trip min/avg/max = ${millis(Math.min(...times))}/${millis(avg)}/${millis(Math.max(...times))} ms\n`;
  }
  return { stdout: out, stderr: '', exitCode: received > 0 ? 0 : 1 };
};

/** The network commands, by name. */
export const NETWORK_COMMANDS: Record<string, ShellCommand> = { curl, wget, nslookup, ping };
