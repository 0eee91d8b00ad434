/**
 * Deterministic, stable placement of a GraphModel (no layout engine: fixed slots).
 *
 * Pods sit in columns and node lanes are horizontal bands, so a pod's column never depends on
 * its node: a pod recreated on another node keeps its column and only changes band (it visibly
 * travels up or down). Columns come in groups, one per owner (a StatefulSet's pod `web-N` is
 * column N of the `web` group); a claim sits under the pod that mounts it (or, unmounted, in the
 * column of the StatefulSet ordinal its name belongs to); a volume sits under its claim, in the
 * claim's lane when it is local to a node and in the storage lane otherwise. `LayoutMemory`
 * carries group order and slots from one layout to the next so that nothing jumps when unrelated
 * objects come and go: new groups and new slots are appended, groups never shrink.
 */
import type { BudgetModel, ClaimModel, GraphEdge, GraphModel, LaneModel, OwnerModel, PodModel, ServiceModel, VolumeModel } from './graphModel';
import { objectId } from './graphModel';

/** Geometry (graph units ≈ CSS px at zoom 1). */
export const LAYOUT = {
  columnWidth: 368,
  cardWidth: 356,
  ownerHeight: 44,
  /** Two lines: name, status, ready, restarts; then IP and DNS name. */
  podHeight: 62,
  /** Third line of every pod card when some pod has one: database role and rows, stuck, eviction refused. */
  factsHeight: 22,
  /** Extra height of an unscheduled pod card for the scheduler's message (six wrapped lines of 15 px type). */
  messageHeight: 118,
  claimHeight: 36,
  volumeHeight: 44,
  laneHeader: 32,
  /** The narrowest lane: its header (name, Ready badge, cpu and memory meters) fits. */
  minBandWidth: 480,
  gap: 8,
  laneGap: 12,
  serviceWidth: 340,
  recordHeight: 24,
  /** PodDisruptionBudget card: title, then selector and allowed disruptions. */
  budgetHeight: 62,
} as const;

/** True when the pod card has its third line (see `LAYOUT.factsHeight`). */
export function hasFacts(pod: PodModel): boolean {
  return Boolean(pod.stuck || pod.evictionBlocked || pod.database);
}

/** What the layout remembers between calls: group order and width, and the columns of non-ordinal pods. */
export interface LayoutMemory {
  groups: { key: string; width: number; slots: Record<string, number> }[];
}

interface AreaData {
  kind: 'pending' | 'storage';
  label: string;
}

/** A placed node of the graph; `data` is the model entry it draws. */
export type PlacedNode = { id: string; x: number; y: number; width: number; height: number } & (
  | { type: 'lane'; data: LaneModel }
  | { type: 'area'; data: AreaData }
  | { type: 'pod'; data: PodModel }
  | { type: 'claim'; data: ClaimModel }
  | { type: 'volume'; data: VolumeModel }
  | { type: 'service'; data: ServiceModel }
  | { type: 'owner'; data: OwnerModel }
  | { type: 'budget'; data: BudgetModel }
);

/**
 * The laid-out graph: background lanes first, then cards, in a fixed order.
 *
 * @example
 * const { nodes, memory } = layoutGraph(toGraphModel(state));
 * layoutGraph(toGraphModel(later), memory); // web-0 keeps its x
 */
export interface GraphLayout {
  nodes: PlacedNode[];
  edges: GraphEdge[];
  width: number;
  height: number;
  memory: LayoutMemory;
}

const STATEFULSET = 'StatefulSet/';

function groupOf(pod: PodModel): string {
  return pod.owner ?? `Pod/${pod.namespace}/${pod.name}`;
}

/** `web-3` in the group `StatefulSet/default/web` → 3; -1 otherwise. */
function ordinalIn(group: string, podName: string): number {
  if (!group.startsWith(STATEFULSET)) return -1;
  const setName = group.split('/')[2] ?? '';
  const suffix = podName.startsWith(`${setName}-`) ? podName.slice(setName.length + 1) : '';
  return /^\d+$/.test(suffix) ? Number(suffix) : -1;
}

/** Assigns every pod (and unmounted StatefulSet claim) a global column. */
function assignColumns(model: GraphModel, previous: LayoutMemory | undefined) {
  const wanted = new Map<string, string[]>();
  const add = (group: string, member: string) => {
    const list = wanted.get(group) ?? [];
    list.push(member);
    wanted.set(group, list);
  };
  for (const pod of model.pods) add(groupOf(pod), pod.name);
  // A claim nobody mounts keeps the column of the StatefulSet ordinal in its name (`www-web-3`).
  const claimGroup = new Map<string, { group: string; member: string }>();
  const sets = model.owners.filter((o) => o.kind === 'StatefulSet');
  for (const claim of model.claims) {
    if (claim.pod) continue;
    let group = `Claim/${claim.namespace}`;
    let member = `claim:${claim.name}`;
    for (const set of sets) {
      const match = set.namespace === claim.namespace ? new RegExp(`^.+-${set.name.replace(/[.]/g, '\\.')}-(\\d+)$`).exec(claim.name) : null;
      if (match) {
        group = `${STATEFULSET}${set.namespace}/${set.name}`;
        member = `${set.name}-${match[1] ?? ''}`;
        break;
      }
    }
    claimGroup.set(`${claim.namespace}/${claim.name}`, { group, member });
    add(group, member);
  }

  const groups: LayoutMemory['groups'] = [];
  const previousGroups = new Map((previous?.groups ?? []).map((g) => [g.key, g]));
  const order = [...(previous?.groups ?? []).map((g) => g.key).filter((k) => wanted.has(k)), ...[...wanted.keys()].filter((k) => !previousGroups.has(k)).sort()];
  const column = new Map<string, number>();
  let start = 0;
  for (const key of order) {
    const members = [...new Set(wanted.get(key) ?? [])].sort();
    const old = previousGroups.get(key);
    const slots: Record<string, number> = {};
    const taken = new Set<number>();
    for (const m of members) {
      const ordinal = ordinalIn(key, m);
      const kept = ordinal >= 0 ? ordinal : old?.slots[m];
      if (kept !== undefined && !taken.has(kept)) {
        slots[m] = kept;
        taken.add(kept);
      }
    }
    for (const m of members) {
      if (slots[m] !== undefined) continue;
      let free = 0;
      while (taken.has(free)) free++;
      slots[m] = free;
      taken.add(free);
    }
    const width = Math.max(old?.width ?? 0, ...Object.values(slots).map((s) => s + 1));
    groups.push({ key, width, slots });
    for (const [m, s] of Object.entries(slots)) column.set(`${key}|${m}`, start + s);
    start += width;
  }
  const podColumn = (pod: PodModel) => column.get(`${groupOf(pod)}|${pod.name}`) ?? 0;
  const claimColumn = (claim: ClaimModel, pods: Map<string, PodModel>): number => {
    const pod = claim.pod ? pods.get(`${claim.namespace}/${claim.pod}`) : undefined;
    if (pod) return podColumn(pod);
    const slot = claimGroup.get(`${claim.namespace}/${claim.name}`);
    return slot ? (column.get(`${slot.group}|${slot.member}`) ?? 0) : 0;
  };
  const groupStart = (key: string) => {
    let x = 0;
    for (const g of groups) {
      if (g.key === key) return { start: x, width: g.width };
      x += g.width;
    }
    return undefined;
  };
  return { memory: { groups }, columns: start, podColumn, claimColumn, groupStart };
}

/** Places the model. Pass the previous layout's `memory` to keep every slot where it was. */
export function layoutGraph(model: GraphModel, previous?: LayoutMemory): GraphLayout {
  const L = LAYOUT;
  const cols = assignColumns(model, previous);
  const pods = new Map(model.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
  const claimsByKey = new Map(model.claims.map((c) => [`${c.namespace}/${c.name}`, c]));
  const columns = Math.max(cols.columns, 1);
  const xOf = (column: number) => column * L.columnWidth + L.gap;
  // At least wide enough for a lane's header (name, Ready, cpu and memory meters) with no pod in it.
  const bandWidth = Math.max(columns * L.columnWidth + L.gap, L.minBandWidth);

  const hasLocal = model.volumes.some((v) => v.node);
  const podHeight = L.podHeight + (model.pods.some(hasFacts) ? L.factsHeight : 0);
  const bandHeight = L.laneHeader + podHeight + L.gap + L.claimHeight + (hasLocal ? L.gap + L.volumeHeight : 0) + L.gap;
  const nodes: PlacedNode[] = [];
  const cards: PlacedNode[] = [];

  // Row 1: the owner of each column group, spanning its columns. An owner of owners (Deployment →
  // ReplicaSets, CronJob → Jobs) spans its children's columns in a row above.
  let y = 0;
  const extraOwners: OwnerModel[] = [];
  const spans = new Map<string, { start: number; width: number }>();
  for (const owner of model.owners) {
    const span = cols.groupStart(`${owner.kind}/${owner.namespace}/${owner.name}`);
    if (span) spans.set(`${owner.kind}/${owner.namespace}/${owner.name}`, span);
  }
  const parents: { owner: OwnerModel; start: number; end: number }[] = [];
  for (const owner of model.owners) {
    const key = `${owner.kind}/${owner.namespace}/${owner.name}`;
    if (spans.has(key)) continue;
    const children = model.owners.flatMap((o) => (o.owner === key ? [spans.get(`${o.kind}/${o.namespace}/${o.name}`)] : [])).filter((s) => s !== undefined);
    if (children.length === 0) {
      extraOwners.push(owner);
      continue;
    }
    parents.push({ owner, start: Math.min(...children.map((c) => c.start)), end: Math.max(...children.map((c) => c.start + c.width)) });
  }
  const cardSpan = (columns: number) => columns * L.columnWidth - (L.columnWidth - L.cardWidth);
  for (const { owner, start, end } of parents) {
    cards.push({ id: objectId('owner', owner.namespace, owner.name, owner.kind), type: 'owner', data: owner, x: xOf(start), y, width: cardSpan(end - start), height: L.ownerHeight });
  }
  if (parents.length) y += L.ownerHeight + L.laneGap;
  for (const owner of model.owners) {
    const span = spans.get(`${owner.kind}/${owner.namespace}/${owner.name}`);
    if (span) cards.push({ id: objectId('owner', owner.namespace, owner.name, owner.kind), type: 'owner', data: owner, x: xOf(span.start), y, width: cardSpan(span.width), height: L.ownerHeight });
  }
  y += L.ownerHeight + L.laneGap;

  // Bands: one per node, then Pending (unscheduled pods, unmounted claims), then network storage.
  const bandY = new Map<string, number>();
  for (const lane of model.lanes) {
    nodes.push({ id: objectId('node', undefined, lane.name), type: 'lane', data: lane, x: 0, y, width: bandWidth, height: bandHeight });
    bandY.set(lane.name, y);
    y += bandHeight + L.laneGap;
  }
  const claimNode = (claim: ClaimModel) => {
    const pod = claim.pod ? pods.get(`${claim.namespace}/${claim.pod}`) : undefined;
    return pod?.node && bandY.has(pod.node) ? pod.node : undefined;
  };
  const unplaced = (p: PodModel) => !p.node || !bandY.has(p.node);
  const needsPending = model.pods.some(unplaced) || model.claims.some((c) => !claimNode(c));
  // The scheduler's message is printed whole on the card, so the Pending band grows to hold it.
  const pendingExtra = model.pods.some((p) => unplaced(p) && p.message) ? L.messageHeight : 0;
  const pendingY = y;
  if (needsPending) {
    const height = bandHeight + pendingExtra;
    nodes.push({ id: 'area.pending', type: 'area', data: { kind: 'pending', label: 'Pending: not on a node' }, x: 0, y, width: bandWidth, height });
    y += height + L.laneGap;
  }
  const network = model.volumes.filter((v) => !v.node || !bandY.has(v.node));
  const storageY = y;
  if (network.length) {
    nodes.push({ id: 'area.storage', type: 'area', data: { kind: 'storage', label: 'Network storage' }, x: 0, y, width: bandWidth, height: L.laneHeader + L.volumeHeight + L.gap });
    y += L.laneHeader + L.volumeHeight + L.gap + L.laneGap;
  }
  const height = y - L.laneGap;

  const podTop = (band: number) => band + L.laneHeader;
  const claimTop = (band: number) => podTop(band) + podHeight + L.gap + (band === pendingY && needsPending ? pendingExtra : 0);
  for (const pod of model.pods) {
    const band = (pod.node ? bandY.get(pod.node) : undefined) ?? pendingY;
    const height = podHeight + (band === pendingY && pod.message ? pendingExtra : 0);
    cards.push({ id: objectId('pod', pod.namespace, pod.name), type: 'pod', data: pod, x: xOf(cols.podColumn(pod)), y: podTop(band), width: L.cardWidth, height });
  }
  const claimColumn = new Map<string, number>();
  for (const claim of model.claims) {
    const column = cols.claimColumn(claim, pods);
    claimColumn.set(`${claim.namespace}/${claim.name}`, column);
    const band = bandY.get(claimNode(claim) ?? '') ?? pendingY;
    cards.push({ id: objectId('claim', claim.namespace, claim.name), type: 'claim', data: claim, x: xOf(column), y: claimTop(band), width: L.cardWidth, height: L.claimHeight });
  }
  let spare = columns;
  for (const volume of model.volumes) {
    const claim = volume.claim ? claimsByKey.get(volume.claim) : undefined;
    const column = (volume.claim ? claimColumn.get(volume.claim) : undefined) ?? (claim ? 0 : spare++);
    const local = volume.node !== undefined && bandY.has(volume.node);
    const top = local ? claimTop(bandY.get(volume.node ?? '') ?? 0) + L.claimHeight + L.gap : storageY + L.laneHeader;
    cards.push({ id: objectId('volume', undefined, volume.name), type: 'volume', data: volume, x: xOf(column), y: top, width: L.cardWidth, height: L.volumeHeight });
  }

  // Services (and owners without a column group) stack in a column right of the bands.
  const sideX = Math.max(bandWidth, spare * L.columnWidth + L.gap) + L.laneGap * 2;
  let sideY = 0;
  for (const service of model.services) {
    const h = L.laneHeader + service.records.length * L.recordHeight + L.gap;
    cards.push({ id: objectId('service', service.namespace, service.name), type: 'service', data: service, x: sideX, y: sideY, width: L.serviceWidth, height: h });
    sideY += h + L.laneGap;
  }
  for (const owner of extraOwners) {
    cards.push({ id: objectId('owner', owner.namespace, owner.name, owner.kind), type: 'owner', data: owner, x: sideX, y: sideY, width: L.serviceWidth, height: L.ownerHeight });
    sideY += L.ownerHeight + L.laneGap;
  }
  for (const budget of model.budgets) {
    cards.push({ id: objectId('budget', budget.namespace, budget.name), type: 'budget', data: budget, x: sideX, y: sideY, width: L.serviceWidth, height: L.budgetHeight });
    sideY += L.budgetHeight + L.laneGap;
  }
  const width = sideX + (model.services.length || extraOwners.length || model.budgets.length ? L.serviceWidth : 0);
  for (const band of nodes) band.width = Math.max(band.width, bandWidth);

  const ids = new Set([...nodes, ...cards].map((n) => n.id));
  const edges = model.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return { nodes: [...nodes, ...cards], edges, width, height: Math.max(height, sideY), memory: cols.memory };
}
