/**
 * Dynamic provisioning (spec R9.2, R9.5): the PV controller's hand-off
 * (`provisionClaim` / `provisionClaimOperationExternal` in
 * `pkg/controller/volume/persistentvolume/pv_controller.go`) followed by the
 * external provisioner's work (`provisionClaimOperation` of
 * sig-storage-lib-external-provisioner, as run by the CSI external-provisioner
 * and rancher's local-path-provisioner): annotate the claim, announce, create
 * the volume `pvc-<claim uid>`, report success.
 *
 * The three simulated backends answer instantly. Left out: provisioning
 * delays and retries with back-off, secrets, volume expansion, topology
 * (zonal) restrictions on net-block, and any provisioner other than the three
 * of R9.2 (a claim naming one waits forever, as with a provisioner that is not
 * running).
 */
import type { PersistentVolumeSpec } from 'kubernetes-types/core/v1';
import { PROVISIONERS } from '../bootstrap';
import type { ClusterState } from '../clusterState';
import { randomUid } from '../random';
import { recordEvent, recordEventOnce } from '../recorder';
import { volumeRuntime, type PvcObject, type PvObject, type StorageClassObject } from '../storage';
import { createObject, getObject, updateObject } from '../store';
import { writableMeta } from '../../model/objects';
import { ANN_BETA_STORAGE_PROVISIONER, ANN_PROVISIONED_BY, ANN_STORAGE_PROVISIONER, claimRefOf } from './pvBinder';

const SOURCE = 'persistentvolume-controller';
const PV_PROTECTION = 'kubernetes.io/pv-protection';

/** How one simulated provisioner builds the volume source of a new PV. */
interface Backend {
  /** local-path cannot provision without knowing the node (Immediate classes fail). */
  needsNode: boolean;
  /** The provisioner's own wording when a claim has a selector. */
  selectorError: string;
  source(state: ClusterState, name: string, pvc: PvcObject, node: string | undefined): Partial<PersistentVolumeSpec>;
  annotations(node: string | undefined): Record<string, string>;
}

const BACKENDS: Record<string, Backend> = {
  [PROVISIONERS.netBlock]: {
    needsNode: false,
    selectorError: 'claim Selector is not supported',
    source: (state) => ({ csi: { driver: PROVISIONERS.netBlock, volumeHandle: randomUid(state.rng), fsType: 'ext4' } }),
    annotations: () => ({}),
  },
  [PROVISIONERS.localPath]: {
    needsNode: true,
    selectorError: 'claim.Spec.Selector is not supported',
    source: (state, name, pvc, node) => ({
      hostPath: { path: `/var/local-path-provisioner/${name}_${pvc.metadata.namespace}_${pvc.metadata.name}`, type: 'DirectoryOrCreate' },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [hostnameOf(state, node ?? '')] }] }],
        },
      },
    }),
    annotations: (node): Record<string, string> => (node ? { 'local.path.provisioner/selected-node': node } : {}),
  },
  [PROVISIONERS.netFile]: {
    needsNode: false,
    selectorError: 'claim Selector is not supported',
    source: (_state, name) => ({ nfs: { server: 'nfs.storage.svc', path: `/exports/${name}` } }),
    annotations: () => ({}),
  },
};

function hostnameOf(state: ClusterState, node: string): string {
  return getObject<{ metadata: { labels?: Record<string, string> } }>(state, 'Node', undefined, node)?.metadata.labels?.['kubernetes.io/hostname'] ?? node;
}

/** True when the simulation runs a provisioner of this name (R9.2). */
export function isSimulatedProvisioner(provisioner: string): boolean {
  return provisioner in BACKENDS;
}

/** The name a dynamically provisioned volume gets: `pvc-<claim uid>`. */
export function provisionedVolumeName(pvc: PvcObject): string {
  return `pvc-${pvc.metadata.uid ?? ''}`;
}

/**
 * Provisions a volume for an unbound claim of class `className`, on `node`
 * when the scheduler selected one. Emits the claim's events in the order of
 * R9.5 and returns the new PV (still to be bound), or undefined when nothing
 * was created (unknown class, in-tree or absent provisioner, a failure).
 */
export function provisionClaim(state: ClusterState, pvc: PvcObject, className: string, node: string | undefined): PvObject | undefined {
  const sc = getObject<StorageClassObject>(state, 'StorageClass', undefined, className);
  if (!sc) {
    recordEventOnce(state, pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`, SOURCE);
    return undefined;
  }
  const provisioner = sc.provisioner;
  if (provisioner.startsWith('kubernetes.io/')) {
    // In-tree names (kubernetes.io/no-provisioner above all) have no plugin in a v1.33 controller.
    recordEventOnce(state, pvc, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${provisioner}`, SOURCE);
    return undefined;
  }
  const claim = annotateProvisioner(state, pvc, provisioner);
  recordEventOnce(
    state,
    claim,
    'Normal',
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    SOURCE,
  );
  const backend = BACKENDS[provisioner];
  const name = provisionedVolumeName(claim);
  if (!backend || getObject(state, 'PersistentVolume', undefined, name)) return undefined;

  const announce = `External provisioner is provisioning volume for claim "${claim.metadata.namespace}/${claim.metadata.name}"`;
  const failure = claim.spec?.selector ? backend.selectorError : backend.needsNode && !node ? 'configuration error, no node was specified' : undefined;
  if (failure) {
    recordEventOnce(state, claim, 'Normal', 'Provisioning', announce, provisioner);
    recordEventOnce(state, claim, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${className}": ${failure}`, provisioner);
    return undefined;
  }
  recordEvent(state, claim, 'Normal', 'Provisioning', announce, provisioner);
  const pv = createObject<PvObject>(state, {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      annotations: { ...backend.annotations(node), [ANN_PROVISIONED_BY]: provisioner },
      finalizers: [PV_PROTECTION],
    },
    spec: {
      accessModes: [...(claim.spec?.accessModes ?? [])],
      capacity: { storage: claim.spec?.resources?.requests?.['storage'] ?? '0' },
      claimRef: claimRefOf(claim),
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: className,
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      ...(sc.mountOptions?.length ? { mountOptions: [...sc.mountOptions] } : {}),
      ...backend.source(state, name, claim, node),
    },
    // What the API server's PV strategy sets on create; the controller moves it to Bound.
    status: { phase: 'Pending' },
  });
  recordEvent(state, claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`, provisioner);
  volumeRuntime(state, name);
  return pv;
}

/** Records which provisioner owns the claim (setClaimProvisioner); returns the claim as stored. */
function annotateProvisioner(state: ClusterState, pvc: PvcObject, provisioner: string): PvcObject {
  const updated = updateObject<PvcObject>(state, 'PersistentVolumeClaim', pvc.metadata.namespace, pvc.metadata.name, (draft) => {
    writableMeta(draft).annotations = {
      ...draft.metadata.annotations,
      [ANN_BETA_STORAGE_PROVISIONER]: provisioner,
      [ANN_STORAGE_PROVISIONER]: provisioner,
    };
  });
  return updated ?? pvc;
}
