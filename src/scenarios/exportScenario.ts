/**
 * "Run this on a real cluster" (issue #5, Export): turns a scenario and what the user did since
 * (the journal) into the workspace's YAML files and a bash script that replays the script with
 * kubectl on kind, minikube or k3s.
 *
 * - kubectl lines keep the words the playground ran, re-quoted for bash, so the script runs
 *   exactly those arguments and nothing else (a `;` or `$(…)` in a shared scenario stays text).
 * - Interactive sessions (`kubectl exec -it … sh`, `kubectl run -it --rm … sh` and the lines typed
 *   into them up to `exit`) become one non-interactive `sh -c` command; watches (`get -w`,
 *   `logs -f`) run in the background and stop when the script ends; nothing waits for a keyboard.
 * - `sim advance` becomes `sleep`, `sim wait --stable` a bounded wait (`wait_stable`); every other
 *   sim verb becomes a comment saying how to cause the same thing by hand.
 * - A file the user edited between commands is exported once per version used (`web.v1.yaml`),
 *   and the commands name the version they used; the last version keeps the file's own name.
 *
 * Left out: the cluster's shape (node names, sizes, zones), images the scenario treats as
 * missing, and anything timing-dependent — those are noted in the script's header.
 */
import { flagOn, parseArgs, type FlagSpec } from '../kubectl/commands/flags';
import { tokenize } from '../kubectl/commands/tokenize';
import { parseDuration } from '../model/duration';
import type { JournalEntry } from '../protocol/messages';
import type { Scenario } from './scenario';

/** One exported file. */
export interface ExportedFile {
  name: string;
  text: string;
}

/** What "Export" offers for download: the YAML files, and `replay.sh` as text. */
export interface ScenarioExport {
  files: ExportedFile[];
  script: string;
}

const SHELLS = ['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash'];
const EXEC_FLAGS: FlagSpec = {
  values: { container: 'container', c: 'container', namespace: 'namespace', n: 'namespace' },
  booleans: { stdin: 'stdin', i: 'stdin', tty: 'tty', t: 'tty', quiet: 'quiet', q: 'quiet' },
};
const RUN_FLAGS: FlagSpec = {
  values: { image: 'image', restart: 'restart', namespace: 'namespace', n: 'namespace', labels: 'labels', l: 'labels', env: 'env', port: 'port' },
  booleans: { stdin: 'stdin', i: 'stdin', tty: 'tty', t: 'tty', rm: 'rm', command: 'command', quiet: 'quiet', q: 'quiet', attach: 'attach' },
};
/** Words that ask for a terminal: dropped, since the script reads no keyboard. */
const TERMINAL_WORDS = /^(-i|-t|-it|-ti|--stdin(=true)?|--tty(=true)?)$/;
const NODE_VERBS = ['cordon', 'uncordon', 'drain', 'taint'];

/** Quotes a word for bash only when it needs it: `web.yaml` stays as is, `a b` becomes `'a b'`. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A comment line whatever the text holds (no line break can end it). */
function comment(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, ' ')}`.trimEnd();
}

function words(list: string[]): string {
  return list.map(shellQuote).join(' ');
}

/** `web.yaml` → `web.v1.yaml`. */
function versionedName(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}.v${n}${name.slice(dot)}` : `${name}.v${n}`;
}

function seconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}

/** An interactive shell opened by `exec -it … sh` or `run -it … sh`, collecting the lines typed into it. */
interface OpenShell {
  /** The command up to `--`, without the terminal flags; the collected lines go after `sh -c`. */
  prefix: string[];
  opened: string;
  lines: string[];
}

/** How to cause a sim verb by hand on a real cluster: comment lines. */
function simComment(verb: string, args: string[], line: string): string[] {
  const target = args.find((w) => !w.startsWith('-')) ?? '<name>';
  const pod = shellQuote(target);
  const say = (...text: string[]) => [comment(line), ...text.map((t) => comment(`  ${t}`))];
  switch (verb) {
    case 'crash':
      return say(
        `The playground made a container of ${target} exit. By hand, end its main process:`,
        `  kubectl exec ${pod} -- kill 1`,
        'A PID 1 with no handler for SIGTERM ignores it; then stop the container on its node',
        `(kind: docker exec <node> crictl stop <container-id>).${args.includes('--loop') ? ' To crash it at every start, change its command to one that exits.' : ''}`,
      );
    case 'break-readiness':
    case 'fix-readiness':
    case 'restore-readiness':
    case 'break-liveness':
    case 'fix-liveness': {
      const probe = verb.endsWith('liveness') ? 'liveness' : 'readiness';
      const breaking = verb.startsWith('break');
      return say(
        breaking
          ? `The playground made the ${probe} probe of ${target} fail. By hand, make the probe fail, e.g. move the file it checks:`
          : `The playground made the ${probe} probe of ${target} pass again. By hand, put back what the probe checks:`,
        breaking
          ? `  kubectl exec ${pod} -- mv /usr/share/nginx/html/index.html /tmp/   (an httpGet probe on / of nginx)`
          : `  kubectl exec ${pod} -- mv /tmp/index.html /usr/share/nginx/html/`,
        breaking && probe === 'liveness' ? 'The kubelet then restarts the container, which may bring the file back.' : 'See the probe in the pod: kubectl get pod -o yaml.',
      );
    }
    case 'node-down':
      return say(
        `The playground stopped the kubelet of ${target}. By hand, stop that machine (pick one of kubectl get nodes):`,
        'kind: docker stop <node>   minikube: minikube node stop <node>   k3s: stop the VM, or systemctl stop k3s-agent on it.',
      );
    case 'node-up':
      return say(
        `The playground started the kubelet of ${target} again. By hand:`,
        'kind: docker start <node>   minikube: minikube node start <node>   k3s: start the VM, or systemctl start k3s-agent on it.',
      );
    case 'add-node':
      return say(
        `The playground added the node ${target}. By hand:`,
        'kind: add a "- role: worker" line to the kind config and recreate the cluster (kind create cluster --config kind.yaml);',
        'minikube: minikube node add;   k3s: join a machine with the k3s agent (K3S_URL and K3S_TOKEN).',
      );
    case 'remove-node':
      return say(
        `The playground removed the node ${target} and its machine. By hand:`,
        'kubectl delete node <node>, then kind: docker rm -f <node>   minikube: minikube node delete <node>   k3s: uninstall the agent.',
      );
    case 'dns':
      return say(
        'The playground asked the cluster DNS from a pod in default. By hand:',
        `  kubectl run -it --rm dnsutils --image=busybox:1.28 --restart=Never -- nslookup ${pod}`,
      );
    default:
      return [comment(`${line}   (the playground does not know this command; left out)`)];
  }
}

/** The script's opening: what it needs, what it assumes, and its helpers. */
function header(scenario: Scenario, fileTexts: string[], usesWatch: boolean): string[] {
  const all = fileTexts.join('\n');
  const classes = [...new Set([...all.matchAll(/storageClassName:\s*["']?([\w.-]+)/g)].map((m) => m[1] as string))].sort();
  const claims = /volumeClaimTemplates:|kind:\s*PersistentVolumeClaim/.test(all);
  const lines = [
    '#!/usr/bin/env bash',
    comment(`Replays the Ordinal scenario "${scenario.name}"${scenario.title ? ` (${scenario.title})` : ''} on a real cluster.`),
    '# Made for kind, minikube or k3s. Needs kubectl pointed at the cluster (kubectl config current-context)',
    '# and a fresh cluster or namespace: objects go to the current namespace.',
    '# Run it in the folder that holds the exported YAML files: bash replay.sh',
    '# It stops at the first command that fails (set -e): a step the playground expected to fail stops it too.',
    '# A real cluster names Deployment pods, picks IPs and nodes and takes its own time: the output differs.',
    "# The playground's nodes (node-1, node-2, …) are not yours: commands naming one need a name from kubectl get nodes.",
  ];
  if (claims || classes.length) {
    lines.push('#', '# Storage:');
    const def = scenario.cluster?.defaultStorageClass;
    if (def) lines.push(comment(`  the playground made "${def}" the default StorageClass; claims without a class get your cluster's default.`));
    else if (claims) lines.push('#   claims without a storageClassName get your cluster\'s default class.');
    if (classes.includes('standard') || def === 'standard' || (claims && !def))
      lines.push(
        '#   "standard" is the default StorageClass of kind and minikube (k3s has none by that name: create one or use local-path).',
        '#   In the playground it is a network volume that follows its pod to any node; on kind and minikube it is node-local.',
      );
    if (classes.includes('local-path') || def === 'local-path')
      lines.push(
        '#   "local-path" is k3s\'s default StorageClass (rancher.io/local-path); on kind or minikube install the',
        '#   rancher local-path-provisioner (github.com/rancher/local-path-provisioner). It is node-local, as in the playground.',
      );
    for (const c of classes.filter((c) => c !== 'standard' && c !== 'local-path')) lines.push(comment(`  "${c}" must exist in your cluster (kubectl get storageclass).`));
  }
  if (scenario.cluster?.missingImages?.length) {
    lines.push('#', comment(`The playground treats these images as missing (their pulls fail): ${scenario.cluster.missingImages.join(', ')}.`));
  }
  lines.push(
    '',
    'set -euo pipefail',
    '',
    '# sim wait --stable: waits until every workload has its replicas ready, then every pod is Ready',
    '# (pods of finished Jobs excepted). It gives up after the timeout instead of hanging.',
    'wait_stable() {',
    '  local timeout="${1:-5m}" workload',
    '  sleep 2 # let the controllers react to the previous command',
    '  for workload in $(kubectl get statefulsets,deployments,daemonsets -o name); do',
    '    kubectl rollout status "$workload" --timeout="$timeout" || true',
    '  done',
    '  kubectl wait --for=condition=Ready pods --all --timeout="$timeout" --field-selector=status.phase!=Succeeded,status.phase!=Failed || true',
    '}',
  );
  if (usesWatch) lines.push('', '# Watches (kubectl get -w, logs -f) run in the background until the script ends.', "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT");
  lines.push('', '# Print each command before it runs, as the playground\'s terminal does.', `trap 'printf "\\n$ %s\\n" "$BASH_COMMAND"' DEBUG`, '');
  return lines;
}

/**
 * The files and the replay script for a scenario plus the user's journal (file edits and command
 * lines after the scenario's own script). Pure: same input, same text.
 */
export function exportScenario(scenario: Scenario, journal: readonly JournalEntry[] = []): ScenarioExport {
  const entries: JournalEntry[] = [...scenario.script.map((line): JournalEntry => ({ type: 'line', line })), ...journal];
  const final: Record<string, string> = { ...scenario.files };
  for (const entry of entries) if (entry.type === 'file') final[entry.file] = entry.text;

  // Earlier versions of a file that a command used get their own name.
  const current: Record<string, string> = { ...scenario.files };
  const versions = new Map<string, { name: string; text: string }[]>();
  const taken = new Set(Object.keys(final));
  const fileName = (name: string): string => {
    const text = current[name];
    if (text === undefined || text === final[name]) return name;
    const list = versions.get(name) ?? [];
    versions.set(name, list);
    const known = list.find((v) => v.text === text);
    if (known) return known.name;
    let n = list.length + 1;
    while (taken.has(versionedName(name, n))) n++;
    const version = { name: versionedName(name, n), text };
    taken.add(version.name);
    list.push(version);
    return version.name;
  };
  const withVersions = (list: string[]): string[] =>
    list.map((w, i) => {
      const prev = list[i - 1];
      if (prev === '-f' || prev === '--filename') return fileName(w);
      const inline = /^(--filename=|-f=?)(.+)$/.exec(w);
      return inline && current[inline[2] as string] !== undefined ? `${inline[1]}${fileName(inline[2] as string)}` : w;
    });

  const body: string[] = [];
  let shell: OpenShell | undefined;
  let usesWatch = false;
  let pendingSleepMs = 0;
  const flushSleep = () => {
    if (pendingSleepMs > 0) body.push(`sleep ${seconds(pendingSleepMs)}`);
    pendingSleepMs = 0;
  };
  const closeShell = () => {
    if (!shell) return;
    body.push(comment(`${shell.opened}   (an interactive session: the lines typed into it run as one command)`));
    body.push(`${words(shell.prefix)} -- sh -c ${shellQuote(shell.lines.length ? shell.lines.join('\n') : 'true')}`);
    shell = undefined;
  };

  const kubectlLine = (all: string[], line: string) => {
    const [, verb = '', ...rest] = all;
    const cmd = ['kubectl', verb, ...rest];
    const dash = rest.indexOf('--');
    const before = dash < 0 ? rest : rest.slice(0, dash);
    const after = dash < 0 ? [] : rest.slice(dash);
    if (verb === 'exec' || verb === 'run') {
      let args;
      try {
        args = parseArgs(rest, verb === 'exec' ? EXEC_FLAGS : RUN_FLAGS);
      } catch {
        body.push(comment(`${line}   (the playground rejected it; left out)`));
        return;
      }
      const argv = args.dashdash ? args.rest : args.positional.slice(1);
      const interactive = flagOn(args, 'stdin');
      const onlyShell = argv.length === 1 && SHELLS.includes(argv[0] as string);
      if (verb === 'exec') {
        if (interactive && flagOn(args, 'tty') && onlyShell) {
          shell = { prefix: ['kubectl', 'exec', ...before.filter((w) => !TERMINAL_WORDS.test(w) && w !== argv[0])], opened: line, lines: [] };
          return;
        }
        body.push(words(['kubectl', 'exec', ...before.filter((w) => !TERMINAL_WORDS.test(w)), ...after]));
        return;
      }
      if (interactive) {
        const f = args.flags;
        const prefix = ['kubectl', 'run', args.positional[0] ?? 'shell', `--image=${f['image'] ?? 'busybox'}`];
        if (f['namespace']) prefix.push(`--namespace=${f['namespace']}`);
        if (f['labels']) prefix.push(`--labels=${f['labels']}`);
        if (f['env']) prefix.push(`--env=${f['env']}`);
        // Never restarted, attached without a keyboard: kubectl returns when the command ends.
        prefix.push('--restart=Never', ...(flagOn(args, 'rm') ? ['--rm'] : []), '--attach', '--command');
        if (onlyShell || argv.length === 0) {
          shell = { prefix, opened: line, lines: [] };
          return;
        }
        body.push(comment(`${line}   (run attached, without a keyboard)`));
        body.push(`${words(prefix)} -- ${words(argv)}`);
        return;
      }
    }
    if (verb === 'drain' && !before.some((w) => w.startsWith('--ignore-daemonsets'))) {
      body.push('# A real node runs DaemonSet pods (kube-proxy, the network plugin): drain needs --ignore-daemonsets.');
      cmd.splice(2 + before.length, 0, '--ignore-daemonsets');
    }
    if (NODE_VERBS.includes(verb)) body.push('# Names a playground node: replace it with one of kubectl get nodes.');
    if (verb === 'rollout' && rest[0] === 'status' && !before.some((w) => w.startsWith('--timeout'))) cmd.splice(2 + before.length, 0, '--timeout=5m');
    const watches =
      (verb === 'get' && before.some((w) => /^(--watch(-only)?(=true)?|-[A-Za-z]*w[A-Za-z]*)$/.test(w) && !/^-o/.test(w))) ||
      (verb === 'logs' && before.some((w) => /^(-f|--follow(=true)?)$/.test(w)));
    const text = words(withVersions(cmd));
    if (watches) {
      usesWatch = true;
      body.push(`${text} &`);
    } else body.push(text);
  };

  for (const entry of entries) {
    if (entry.type === 'file') {
      if (entry.text === '') delete current[entry.file];
      else current[entry.file] = entry.text;
      continue;
    }
    const line = entry.line.trim();
    if (shell) {
      if (/^exit(\s|$)/.test(line)) closeShell();
      else if (line !== '') shell.lines.push(entry.line);
      continue;
    }
    if (line === '') continue;
    const { words: all, error } = tokenize(line);
    const [program, verb = '', ...rest] = all;
    if (program === 'sim' && verb === 'advance') {
      const ms = rest[0] ? parseDuration(rest[0]) : undefined;
      if (ms !== undefined) pendingSleepMs += ms;
      else body.push(comment(`${line}   (not a duration; left out)`));
      continue;
    }
    flushSleep();
    if (line.startsWith('#')) body.push(comment(line.replace(/^#+\s*/, '')));
    else if (error) body.push(comment(`${line}   (cannot be read: ${error}; left out)`));
    else if (program === 'kubectl' || program === 'k') kubectlLine(all, line);
    else if (program === 'sim' && verb === 'wait') {
      const at = rest.indexOf('--timeout');
      const timeout = at >= 0 ? rest[at + 1] : rest.find((w) => w.startsWith('--timeout='))?.slice('--timeout='.length);
      body.push(timeout && parseDuration(timeout) !== undefined ? `wait_stable ${shellQuote(timeout)}` : 'wait_stable');
    } else if (program === 'sim') body.push(...simComment(verb, rest, line));
    else body.push(comment(`${line}   (not a kubectl or sim command; left out)`));
  }
  closeShell();
  flushSleep();

  const files: ExportedFile[] = Object.keys(final)
    .filter((name) => final[name] !== '')
    .sort()
    .map((name) => ({ name, text: final[name] as string }));
  for (const list of versions.values()) files.push(...list);
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const head = header(scenario, files.map((f) => f.text), usesWatch);
  return { files, script: [...head, ...body, ''].join('\n') };
}
