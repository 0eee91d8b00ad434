/**
 * The Deployment controller, after upstream
 * `pkg/controller/deployment/deployment_controller.go` (syncDeployment) and
 * the files its siblings follow: `deploymentReplicaSets.ts` (claiming,
 * creating and resizing ReplicaSets), `deploymentRollout.ts` (RollingUpdate,
 * Recreate, proportional scaling, history cleanup) and `deploymentStatus.ts`
 * (status and conditions).
 *
 * Spec R15.1–R15.5: a Deployment owns ReplicaSets named
 * `<deployment>-<pod-template-hash>`; the ReplicaSet controller
 * (`replicaSetController.ts`) owns the pods. Deleting a Deployment cascades
 * through the garbage collector along those owner references. The
 * Deployment and its current ReplicaSet carry the revision annotation
 * `deployment.kubernetes.io/revision`.
 *
 * Left out: the deprecated `rollbackTo` annotation (kubectl's undo writes the
 * old template instead), the SelectingAll warning (apps/v1 validation
 * rejects an empty selector), the TerminatingReplicas field (alpha gate).
 */
import type { ClusterState } from '../clusterState';
import { CORE_KINDS, type Controller } from '../controller';
import { listObjects, updateObject } from '../store';
import { claimReplicaSets, podsBySet, RequeueSync, SOURCE, type DeploymentSync } from './deploymentReplicaSets';
import { isScalingEvent, rolloutRecreate, rolloutRolling, syncOnly, syncStatusOnly } from './deploymentRollout';
import { checkPausedConditions, PROGRESS_CHECK_TIMER } from './deploymentStatus';
import type { DeployObject } from './deploymentUtil';

/** Writes back what the sync changed on the Deployment: its annotations (revision) and status. */
function commit(state: ClusterState, stored: DeployObject, d: DeployObject): void {
  updateObject<DeployObject>(state, 'Deployment', stored.metadata.namespace, stored.metadata.name, (draft) => {
    if (d.metadata.annotations && Object.keys(d.metadata.annotations).length) draft.metadata.annotations = d.metadata.annotations;
    else delete draft.metadata.annotations;
    if (d.status) draft.status = d.status;
  });
}

function syncDeployment(state: ClusterState, stored: DeployObject): void {
  const d = JSON.parse(JSON.stringify(stored)) as DeployObject;
  const sync: DeploymentSync = { state, d };
  const rsList = claimReplicaSets(state, d);
  try {
    if (d.metadata.deletionTimestamp) {
      syncStatusOnly(sync, rsList);
    } else {
      // Unknown Progressing while paused, so resuming does not count the pause against the deadline.
      checkPausedConditions(state, d);
      if (d.spec?.paused || isScalingEvent(sync, rsList)) syncOnly(sync, rsList);
      else if (d.spec?.strategy?.type === 'Recreate') rolloutRecreate(sync, rsList, podsBySet(state, d, rsList));
      else rolloutRolling(sync, rsList);
    }
  } catch (e) {
    // A hash collision: the raised collisionCount is written below and the next pass retries.
    if (!(e instanceof RequeueSync)) throw e;
  }
  commit(state, stored, d);
}

/** The Deployment controller. */
export const deploymentController: Controller = {
  name: SOURCE,
  watches: [...CORE_KINDS, 'Deployment', 'ReplicaSet'],
  reconcile(state) {
    for (const d of listObjects<DeployObject>(state, 'Deployment')) syncDeployment(state, d);
  },
  timers: {
    [PROGRESS_CHECK_TIMER]: () => {
      // Waking up is enough: the next pass compares the Progressing condition with the deadline.
    },
  },
  quietTimers: [PROGRESS_CHECK_TIMER],
};
