import { describe, expect, it } from 'vitest';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { createClusterState } from '../bootstrap';
import type { ClusterState } from '../clusterState';
import type { Controller } from '../controller';
import { volumeRuntime, type PvcObject, type PvObject } from '../storage';
import { createObject, getObject, nowTimestamp, removeObject, updateObject } from '../store';
import type { KObject } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import { persistentVolumeController } from './persistentVolumeController';
import { pvcProtectionController } from './pvcProtectionController';

const CONTROLLERS: Controller[] = [pvcProtectionController, persistentVolumeController];

/** Runs the storage controllers until a pass writes nothing. */
function settle(state: ClusterState): void {
  for (let pass = 0; pass < 50; pass++) {
    const rv = state.counters.rv;
    for (const c of CONTROLLERS) c.reconcile(state);
    if (state.counters.rv === rv) return;
  }
  throw new Error('did not settle');
}

/** A claim as admission leaves it: protection finalizer, volumeMode, phase Pending. */
function addClaim(state: ClusterState, name: string, spec: Partial<NonNullable<PvcObject['spec']>> & { storage?: string } = {}): PvcObject {
  const { storage = '1Gi', ...rest } = spec;
  return createObject<PvcObject>(state, {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', finalizers: ['kubernetes.io/pvc-protection'] },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, volumeMode: 'Filesystem', ...rest },
    status: { phase: 'Pending' },
  });
}

function addVolume(state: ClusterState, name: string, storage: string, spec: Partial<NonNullable<PvObject['spec']>> = {}, labels?: Record<string, string>): PvObject {
  return createObject<PvObject>(state, {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, finalizers: ['kubernetes.io/pv-protection'], ...(labels ? { labels } : {}) },
    spec: { capacity: { storage }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', hostPath: { path: `/data/${name}` }, ...spec },
  });
}

function addPod(state: ClusterState, name: string, claims: string[], nodeName?: string): PodObject {
  return createObject<PodObject>(state, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      containers: [{ name: 'nginx', image: 'nginx' }],
      volumes: claims.map((claimName, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName } })),
      ...(nodeName ? { nodeName } : {}),
    },
    status: { phase: 'Pending' },
  });
}

function addClass(state: ClusterState, name: string, provisioner: string, extra: Partial<StorageClass> = {}): void {
  createObject(state, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', provisioner, reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate', ...extra, metadata: { name } });
}

function claim(state: ClusterState, name: string): PvcObject {
  const pvc = getObject<PvcObject>(state, 'PersistentVolumeClaim', 'default', name);
  if (!pvc) throw new Error(`no claim ${name}`);
  return pvc;
}

function volume(state: ClusterState, name: string): PvObject | undefined {
  return getObject<PvObject>(state, 'PersistentVolume', undefined, name);
}

function selectNode(state: ClusterState, claimName: string, node: string): void {
  updateObject<PvcObject>(state, 'PersistentVolumeClaim', 'default', claimName, (draft) => {
    (draft.metadata as { annotations?: Record<string, string> }).annotations = { ...draft.metadata.annotations, 'volume.kubernetes.io/selected-node': node };
  });
}

/** `<reason> <source>: <message>` of an object's events, in order. */
function events(state: ClusterState, kind: string, name: string): string[] {
  return state.events.filter((e) => e.involved.kind === kind && e.involved.name === name).map((e) => `${e.reason} ${e.source}: ${e.message}`);
}

function markDeleted(state: ClusterState, kind: string, namespace: string | undefined, name: string): void {
  updateObject<KObject>(state, kind, namespace, name, (draft) => {
    (draft.metadata as { deletionTimestamp?: string }).deletionTimestamp = nowTimestamp(state);
  });
}

const EXTERNAL = "Waiting for a volume to be created either by the external provisioner 'sim.csi/net-block' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.";

describe('persistentVolumeController dynamic provisioning', () => {
  it('keeps a WaitForFirstConsumer claim Pending until a consumer is scheduled, then provisions in the order of S01 item 5', () => {
    const state = createClusterState();
    addClaim(state, 'www-web-0', { storageClassName: 'standard' });
    settle(state);
    // Passes that change nothing do not inflate the count.
    settle(state);
    expect(events(state, 'PersistentVolumeClaim', 'www-web-0')).toEqual([
      'WaitForFirstConsumer persistentvolume-controller: waiting for first consumer to be created before binding',
    ]);
    expect(state.events[0]?.count).toBe(1);
    addPod(state, 'web-0', ['www-web-0']);
    settle(state);
    settle(state);
    expect(claim(state, 'www-web-0').status?.phase).toBe('Pending');
    expect(volume(state, `pvc-${claim(state, 'www-web-0').metadata.uid}`)).toBeUndefined();

    selectNode(state, 'www-web-0', 'node-2');
    settle(state);
    const uid = claim(state, 'www-web-0').metadata.uid ?? '';
    expect(events(state, 'PersistentVolumeClaim', 'www-web-0')).toEqual([
      'WaitForFirstConsumer persistentvolume-controller: waiting for first consumer to be created before binding',
      'WaitForPodScheduled persistentvolume-controller: waiting for pod web-0 to be scheduled',
      `ExternalProvisioning persistentvolume-controller: ${EXTERNAL}`,
      'Provisioning sim.csi/net-block: External provisioner is provisioning volume for claim "default/www-web-0"',
      `ProvisioningSucceeded sim.csi/net-block: Successfully provisioned volume pvc-${uid}`,
    ]);
    expect(state.events.every((e) => e.count === 1)).toBe(true);
  });

  it('creates the PV of R9.5 and binds both sides in the same pass', () => {
    const state = createClusterState();
    addClaim(state, 'www-web-0', { storageClassName: 'standard' });
    addPod(state, 'web-0', ['www-web-0']);
    selectNode(state, 'www-web-0', 'node-1');
    settle(state);
    const pvc = claim(state, 'www-web-0');
    const name = `pvc-${pvc.metadata.uid}`;
    const pv = volume(state, name);
    expect(pv?.metadata.annotations).toEqual({ 'pv.kubernetes.io/provisioned-by': 'sim.csi/net-block' });
    expect(pv?.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(pv?.spec).toMatchObject({
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '1Gi' },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
      csi: { driver: 'sim.csi/net-block', fsType: 'ext4' },
    });
    expect(pv?.spec?.csi?.volumeHandle).toMatch(/^[0-9a-f-]{36}$/);
    expect(pv?.spec?.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: 'default', name: 'www-web-0', uid: pvc.metadata.uid });
    expect(pv?.spec?.claimRef?.resourceVersion).toMatch(/^\d+$/);
    expect(pv?.status?.phase).toBe('Bound');
    expect(pv?.status?.lastPhaseTransitionTime).toBe('2025-01-01T00:00:00Z');
    expect(pvc.spec?.volumeName).toBe(name);
    expect(pvc.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
    expect(pvc.metadata.annotations).toEqual({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.beta.kubernetes.io/storage-provisioner': 'sim.csi/net-block',
      'volume.kubernetes.io/selected-node': 'node-1',
      'volume.kubernetes.io/storage-provisioner': 'sim.csi/net-block',
    });
    expect(state.runtime.volumes[name]).toEqual({ files: {}, attachedTo: [] });
  });

  it('shows the watch sequence of a real bind: PV Pending then Bound, claim with VOLUME before Bound', () => {
    const state = createClusterState();
    addClaim(state, 'data', { storageClassName: 'standard' });
    selectNode(state, 'data', 'node-1');
    const from = state.changes.length;
    settle(state);
    const seen = state.changes.slice(from).map((c) => {
      const o = c.object as unknown as { status?: { phase?: string }; spec?: { volumeName?: string } };
      return `${c.type} ${c.kind} ${o.status?.phase ?? ''} ${o.spec?.volumeName ? 'volume' : ''}`.trim();
    });
    expect(seen).toEqual([
      'MODIFIED PersistentVolumeClaim Pending',
      'ADDED PersistentVolume Pending',
      'MODIFIED PersistentVolume Bound',
      'MODIFIED PersistentVolumeClaim Pending volume',
      'MODIFIED PersistentVolumeClaim Bound volume',
    ]);
  });

  it('provisions and binds an Immediate claim as soon as it exists, with no node', () => {
    const state = createClusterState();
    addClass(state, 'fast', 'sim.csi/net-block', { reclaimPolicy: 'Retain' });
    addClaim(state, 'data', { storageClassName: 'fast', storage: '5Gi' });
    settle(state);
    const pvc = claim(state, 'data');
    expect(pvc.status?.phase).toBe('Bound');
    expect(volume(state, pvc.spec?.volumeName ?? '')?.spec?.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(volume(state, pvc.spec?.volumeName ?? '')?.spec?.capacity).toEqual({ storage: '5Gi' });
    expect(events(state, 'PersistentVolumeClaim', 'data').map((e) => e.split(' ')[0])).toEqual(['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
  });

  it('pins a local-path volume to the selected node with a hostPath', () => {
    const state = createClusterState();
    addClaim(state, 'www-web-0', { storageClassName: 'local-path' });
    selectNode(state, 'www-web-0', 'node-3');
    settle(state);
    const pvc = claim(state, 'www-web-0');
    const pv = volume(state, pvc.spec?.volumeName ?? '');
    expect(pv?.spec?.hostPath).toEqual({ path: `/var/local-path-provisioner/pvc-${pvc.metadata.uid}_default_www-web-0`, type: 'DirectoryOrCreate' });
    expect(pv?.spec?.nodeAffinity).toEqual({
      required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-3'] }] }] },
    });
    expect(pv?.metadata.annotations?.['local.path.provisioner/selected-node']).toBe('node-3');
    expect(pv?.spec?.csi).toBeUndefined();
  });

  it('gives a net-file volume an NFS source', () => {
    const state = createClusterState();
    addClass(state, 'shared', 'sim.csi/net-file');
    addClaim(state, 'files', { storageClassName: 'shared', accessModes: ['ReadWriteMany'] });
    settle(state);
    const pvc = claim(state, 'files');
    expect(volume(state, pvc.spec?.volumeName ?? '')?.spec?.nfs).toEqual({ server: 'nfs.storage.svc', path: `/exports/pvc-${pvc.metadata.uid}` });
  });

  it('fails local-path provisioning without a node (Immediate class), once', () => {
    const state = createClusterState();
    addClass(state, 'local-now', 'rancher.io/local-path');
    addClaim(state, 'data', { storageClassName: 'local-now' });
    settle(state);
    settle(state);
    expect(claim(state, 'data').status?.phase).toBe('Pending');
    expect(events(state, 'PersistentVolumeClaim', 'data').slice(1)).toEqual([
      'Provisioning rancher.io/local-path: External provisioner is provisioning volume for claim "default/data"',
      'ProvisioningFailed rancher.io/local-path: failed to provision volume with StorageClass "local-now": configuration error, no node was specified',
    ]);
    expect(state.events.filter((e) => e.reason === 'ProvisioningFailed')[0]?.type).toBe('Warning');
    expect(state.events.every((e) => e.count === 1)).toBe(true);
  });

  it('reports an unknown class and the in-tree no-provisioner as ProvisioningFailed', () => {
    const state = createClusterState();
    addClass(state, 'manual', 'kubernetes.io/no-provisioner');
    addClaim(state, 'a', { storageClassName: 'missing' });
    addClaim(state, 'b', { storageClassName: 'manual' });
    settle(state);
    expect(events(state, 'PersistentVolumeClaim', 'a')).toEqual(['ProvisioningFailed persistentvolume-controller: storageclass.storage.k8s.io "missing" not found']);
    expect(events(state, 'PersistentVolumeClaim', 'b')).toEqual(['ProvisioningFailed persistentvolume-controller: no volume plugin matched name: kubernetes.io/no-provisioner']);
  });

  it('lists every unscheduled consumer in WaitForPodScheduled', () => {
    const state = createClusterState();
    addClaim(state, 'shared', { storageClassName: 'standard' });
    addPod(state, 'a', ['shared']);
    addPod(state, 'b', ['shared']);
    settle(state);
    expect(events(state, 'PersistentVolumeClaim', 'shared')).toEqual(['WaitForPodScheduled persistentvolume-controller: waiting for pods a,b to be scheduled']);
  });
});

describe('persistentVolumeController static binding (S26 part B)', () => {
  it('binds the smallest fitting volume, reports FailedBinding for the rest, and binds when a volume appears', () => {
    const state = createClusterState();
    addVolume(state, 'pv-a', '1Gi');
    addVolume(state, 'pv-b', '5Gi');
    for (const n of [0, 1, 2]) addClaim(state, `www-st-${n}`, { storageClassName: '' });
    settle(state);
    expect(claim(state, 'www-st-0').spec?.volumeName).toBe('pv-a');
    expect(claim(state, 'www-st-1').spec?.volumeName).toBe('pv-b');
    expect(claim(state, 'www-st-1').status?.capacity).toEqual({ storage: '5Gi' });
    expect(claim(state, 'www-st-2').status?.phase).toBe('Pending');
    expect(events(state, 'PersistentVolumeClaim', 'www-st-2')).toEqual([
      'FailedBinding persistentvolume-controller: no persistent volumes available for this claim and no storage class is set',
    ]);
    expect(state.events.find((e) => e.reason === 'FailedBinding')?.type).toBe('Normal');
    expect(events(state, 'PersistentVolumeClaim', 'www-st-0')).toEqual([]);
    expect(volume(state, 'pv-a')?.status?.phase).toBe('Bound');
    expect(volume(state, 'pv-a')?.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });

    addVolume(state, 'pv-c', '2Gi');
    settle(state);
    expect(claim(state, 'www-st-2').status?.phase).toBe('Bound');
    expect(claim(state, 'www-st-2').spec?.volumeName).toBe('pv-c');
    expect(volume(state, 'pv-c')?.spec?.claimRef?.name).toBe('www-st-2');
  });

  it('never binds a class-less claim to a volume of a class, nor a claim of a class to a class-less volume', () => {
    const state = createClusterState();
    addVolume(state, 'classy', '1Gi', { storageClassName: 'manual' });
    addVolume(state, 'plain', '1Gi');
    addClass(state, 'manual', 'kubernetes.io/no-provisioner');
    addClaim(state, 'none', { storageClassName: '' });
    addClaim(state, 'some', { storageClassName: 'manual' });
    settle(state);
    expect(claim(state, 'none').spec?.volumeName).toBe('plain');
    expect(claim(state, 'some').spec?.volumeName).toBe('classy');
  });

  it('honours a claim naming its volume, and reports a volume that is too small', () => {
    const state = createClusterState();
    addVolume(state, 'big', '10Gi');
    addVolume(state, 'small', '1Gi');
    addVolume(state, 'tiny', '1Mi');
    addClaim(state, 'wants-big', { storageClassName: '', volumeName: 'big' });
    addClaim(state, 'wants-tiny', { storageClassName: '', volumeName: 'tiny' });
    settle(state);
    expect(claim(state, 'wants-big').status?.phase).toBe('Bound');
    expect(volume(state, 'big')?.spec?.claimRef?.name).toBe('wants-big');
    expect(volume(state, 'small')?.status?.phase).toBe('Available');
    expect(claim(state, 'wants-big').metadata.annotations).toEqual({ 'pv.kubernetes.io/bind-completed': 'yes' });
    expect(claim(state, 'wants-tiny').status?.phase).toBe('Pending');
    expect(events(state, 'PersistentVolumeClaim', 'wants-tiny')).toEqual(['VolumeMismatch persistentvolume-controller: Cannot bind to requested volume "tiny": requested PV is too small']);
  });

  it('binds a volume pre-bound by claimRef to that claim only', () => {
    const state = createClusterState();
    addVolume(state, 'reserved', '1Gi', { claimRef: { namespace: 'default', name: 'owner' } });
    addClaim(state, 'intruder', { storageClassName: '' });
    settle(state);
    expect(claim(state, 'intruder').status?.phase).toBe('Pending');
    expect(volume(state, 'reserved')?.status?.phase).toBe('Available');
    addClaim(state, 'owner', { storageClassName: '', storage: '500Mi' });
    settle(state);
    expect(claim(state, 'owner').spec?.volumeName).toBe('reserved');
    expect(volume(state, 'reserved')?.spec?.claimRef?.uid).toBe(claim(state, 'owner').metadata.uid);
    expect(volume(state, 'reserved')?.metadata.annotations).toBeUndefined();
  });

  it('binds a static volume for a WaitForFirstConsumer claim only once a node is selected, and only if the volume allows that node', () => {
    const state = createClusterState();
    addClass(state, 'local', 'kubernetes.io/no-provisioner', { volumeBindingMode: 'WaitForFirstConsumer' });
    const onNode2 = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-2'] }] }] } };
    addVolume(state, 'local-2', '1Gi', { storageClassName: 'local', nodeAffinity: onNode2 });
    addClaim(state, 'data', { storageClassName: 'local' });
    settle(state);
    expect(claim(state, 'data').status?.phase).toBe('Pending');
    selectNode(state, 'data', 'node-1');
    settle(state);
    expect(claim(state, 'data').status?.phase).toBe('Pending');
    expect(events(state, 'PersistentVolumeClaim', 'data').at(-1)).toBe('ProvisioningFailed persistentvolume-controller: no volume plugin matched name: kubernetes.io/no-provisioner');
    selectNode(state, 'data', 'node-2');
    settle(state);
    expect(claim(state, 'data').spec?.volumeName).toBe('local-2');
  });
});

describe('persistentVolumeController default class (R9.1)', () => {
  it('gives a claim with no class field the default class once one exists, but leaves "" alone', () => {
    const state = createClusterState();
    updateObject<KObject>(state, 'StorageClass', undefined, 'standard', (sc) => {
      sc.metadata.annotations = {};
    });
    addClaim(state, 'later');
    addClaim(state, 'never', { storageClassName: '' });
    settle(state);
    expect(claim(state, 'later').spec?.storageClassName).toBeUndefined();
    expect(events(state, 'PersistentVolumeClaim', 'later')).toEqual([
      'FailedBinding persistentvolume-controller: no persistent volumes available for this claim and no storage class is set',
    ]);
    updateObject<KObject>(state, 'StorageClass', undefined, 'local-path', (sc) => {
      sc.metadata.annotations = { 'storageclass.kubernetes.io/is-default-class': 'true' };
    });
    settle(state);
    expect(claim(state, 'later').spec?.storageClassName).toBe('local-path');
    expect(claim(state, 'never').spec?.storageClassName).toBe('');
  });
});

describe('persistentVolumeController reclaim (R9.7, R9.8, R7.5)', () => {
  function boundClaim(state: ClusterState, className: string): { pvName: string } {
    addClaim(state, 'data', { storageClassName: className });
    selectNode(state, 'data', 'node-1');
    settle(state);
    const pvName = claim(state, 'data').spec?.volumeName ?? '';
    volumeRuntime(state, pvName).files['index.html'] = 'hello';
    return { pvName };
  }

  it('deletes a Delete volume after its claim is gone: Released, Terminating, then removed with its data', () => {
    const state = createClusterState();
    const { pvName } = boundClaim(state, 'standard');
    markDeleted(state, 'PersistentVolumeClaim', 'default', 'data');
    const from = state.changes.length;
    settle(state);
    expect(getObject(state, 'PersistentVolumeClaim', 'default', 'data')).toBeUndefined();
    expect(volume(state, pvName)).toBeUndefined();
    expect(state.runtime.volumes[pvName]).toBeUndefined();
    const pvChanges = state.changes.slice(from).filter((c) => c.kind === 'PersistentVolume');
    expect(pvChanges.map((c) => `${c.type} ${(c.object as PvObject).status?.phase} ${c.object.metadata.deletionTimestamp ? 'deleting' : ''}`.trim())).toEqual([
      'MODIFIED Released',
      'MODIFIED Released deleting',
      'DELETED Released deleting',
    ]);
    const claimChanges = state.changes.slice(from).filter((c) => c.kind === 'PersistentVolumeClaim').map((c) => c.type);
    expect(claimChanges).toEqual(['DELETED']);
  });

  it('keeps a Retain volume Released with its claimRef and data', () => {
    const state = createClusterState();
    addClass(state, 'keep', 'sim.csi/net-block', { reclaimPolicy: 'Retain' });
    const { pvName } = boundClaim(state, 'keep');
    removeObject(state, 'PersistentVolumeClaim', 'default', 'data');
    settle(state);
    const pv = volume(state, pvName);
    expect(pv?.status?.phase).toBe('Released');
    expect(pv?.spec?.claimRef?.name).toBe('data');
    expect(state.runtime.volumes[pvName]?.files).toEqual({ 'index.html': 'hello' });
    // A Released volume is not offered to a new claim of the same name.
    addClaim(state, 'data', { storageClassName: 'keep' });
    settle(state);
    expect(claim(state, 'data').spec?.volumeName).not.toBe(pvName);
    expect(volume(state, pvName)?.status?.phase).toBe('Released');
  });

  it('makes a Released volume Available again when the admin removes its claimRef', () => {
    const state = createClusterState();
    addVolume(state, 'pv-a', '1Gi');
    addClaim(state, 'first', { storageClassName: '' });
    settle(state);
    removeObject(state, 'PersistentVolumeClaim', 'default', 'first');
    settle(state);
    expect(volume(state, 'pv-a')?.status?.phase).toBe('Released');
    updateObject<PvObject>(state, 'PersistentVolume', undefined, 'pv-a', (pv) => {
      delete pv.spec?.claimRef;
    });
    addClaim(state, 'second', { storageClassName: '' });
    settle(state);
    expect(claim(state, 'second').spec?.volumeName).toBe('pv-a');
  });

  it('fails to delete a static Delete volume no provisioner owns', () => {
    const state = createClusterState();
    addVolume(state, 'pv-a', '1Gi', { persistentVolumeReclaimPolicy: 'Delete' });
    addClaim(state, 'data', { storageClassName: '' });
    settle(state);
    removeObject(state, 'PersistentVolumeClaim', 'default', 'data');
    settle(state);
    const message = 'error getting deleter volume plugin for volume "pv-a": no deletable volume plugin matched';
    expect(volume(state, 'pv-a')?.status).toMatchObject({ phase: 'Failed', message });
    expect(events(state, 'PersistentVolume', 'pv-a')).toEqual([`VolumeFailedDelete persistentvolume-controller: ${message}`]);
  });

  it('marks a bound claim Lost when its volume disappears', () => {
    const state = createClusterState();
    const { pvName } = boundClaim(state, 'standard');
    removeObject(state, 'PersistentVolume', undefined, pvName);
    settle(state);
    settle(state);
    expect(claim(state, 'data').status).toEqual({ phase: 'Lost' });
    expect(events(state, 'PersistentVolumeClaim', 'data').at(-1)).toBe('ClaimLost persistentvolume-controller: Bound claim has lost its PersistentVolume. Data on the volume is lost!');
    expect(state.events.at(-1)?.count).toBe(1);
  });

  it('updates a bound claim whose volume alone was written since its last pass (capacity copied again)', () => {
    const state = createClusterState();
    const { pvName } = boundClaim(state, 'standard');
    settle(state);
    updateObject<PvObject>(state, 'PersistentVolume', undefined, pvName, (pv) => {
      pv.spec = { ...pv.spec, capacity: { storage: '2Gi' } };
    });
    settle(state);
    expect(claim(state, 'data').status?.capacity).toEqual({ storage: '2Gi' });
  });

  it('binds a volume back to its bound claim when an admin strips the claimRef, though the claim was not written', () => {
    const state = createClusterState();
    addVolume(state, 'static', '1Gi');
    addClaim(state, 'data', { storageClassName: '' });
    settle(state);
    expect(volume(state, 'static')?.status?.phase).toBe('Bound');
    updateObject<PvObject>(state, 'PersistentVolume', undefined, 'static', (pv) => {
      pv.spec = { ...pv.spec, claimRef: undefined };
    });
    const from = state.changes.length;
    persistentVolumeController.reconcile(state);
    // syncVolume frees it, then syncBoundClaim of the claim that still names it binds it again.
    const phases = state.changes.slice(from).filter((c) => c.kind === 'PersistentVolume').map((c) => (c.object as PvObject).status?.phase);
    expect(phases).toEqual(['Available', 'Available', 'Bound']);
    expect(volume(state, 'static')?.spec?.claimRef?.name).toBe('data');
  });

  it('syncs every claim and volume of a copy of the state it never saw', () => {
    const state = createClusterState();
    const { pvName } = boundClaim(state, 'standard');
    settle(state);
    const copy = JSON.parse(JSON.stringify(state)) as ClusterState;
    // Written behind the log's back, so only a full pass notices.
    (copy.objects['PersistentVolumeClaim']?.['default/data']?.['status'] as { phase?: string }).phase = 'Pending';
    persistentVolumeController.reconcile(copy);
    expect(getObject<PvcObject>(copy, 'PersistentVolumeClaim', 'default', 'data')?.status?.phase).toBe('Bound');
    expect(volume(copy, pvName)?.status?.phase).toBe('Bound');
  });

  it('does not provision for a claim that is being deleted', () => {
    const state = createClusterState();
    addClaim(state, 'gone', { storageClassName: 'standard' });
    selectNode(state, 'gone', 'node-1');
    markDeleted(state, 'PersistentVolumeClaim', 'default', 'gone');
    persistentVolumeController.reconcile(state);
    expect(claim(state, 'gone').spec?.volumeName).toBeUndefined();
    expect(state.objects['PersistentVolume'] ?? {}).toEqual({});
  });
});
