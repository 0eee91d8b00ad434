/**
 * Create-time validation of the workload kinds, with the API server's texts:
 * `pkg/apis/apps/validation/validation.go` (ValidateStatefulSetSpec, ValidateDeploymentSpec,
 * ValidateReplicaSetSpec, ValidateDaemonSetSpec) and `pkg/apis/batch/validation/validation.go`
 * (ValidateJob, ValidateCronJobCreate, ValidateJobTemplateSpec), Kubernetes 1.33.
 *
 * Like the real API server, a StatefulSet's pod template is only checked for its labels,
 * annotations, restartPolicy and activeDeadlineSeconds: a missing image or a bad volume claim
 * template is accepted here and fails later, when the controller creates the pod or claim.
 * Left out: maxUnavailable of StatefulSets (feature-gated), pod failure policies, success
 * policies, backoffLimitPerIndex, time zone names.
 */
import type {
  DaemonSet,
  DaemonSetSpec,
  Deployment,
  DeploymentSpec,
  ReplicaSet,
  ReplicaSetSpec,
  StatefulSet,
  StatefulSetSpec,
} from 'kubernetes-types/apps/v1';
import type { CronJob, CronJobSpec, Job, JobSpec } from 'kubernetes-types/batch/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { selectorMatches } from '../model/labelSelector';
import { cronScheduleError } from './cronSchedule';
import {
  child,
  forbidden,
  goInt,
  goIntOrString,
  goLabelSelector,
  goQuote,
  goStringMap,
  invalid,
  nonNegative,
  notSupported,
  required,
  type FieldError,
} from './fieldErrors';
import {
  annotationErrors,
  intOrPercentErrors,
  intOrPercentValue,
  isDNS1123Label,
  isUnparsableSelector,
  labelErrors,
  labelSelectorErrors,
  nameErrors,
} from './nameValidation';
import { podTemplateErrors } from './validatePodSpec';

const MISMATCH = '`selector` does not match template `labels`';

function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions?.length ?? 0) === 0;
}

/**
 * The selector checks shared by the apps kinds: Required when absent, syntax, "empty selector is
 * invalid for <what>", then (when it parses) whether it selects the template's labels. An absent
 * selector selects nothing, so it also yields the mismatch error, as upstream does.
 */
function selectorErrors(selector: LabelSelector | undefined, template: PodTemplateSpec | undefined, what: string, badSelectorDetail: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!selector) errs.push(required('spec.selector'));
  else {
    errs.push(...labelSelectorErrors(selector, 'spec.selector'));
    if (isEmptySelector(selector)) errs.push(invalid('spec.selector', goLabelSelector(selector), `empty selector is invalid for ${what}`));
  }
  if (selector && isUnparsableSelector(selector)) {
    errs.push(invalid('spec.selector', goLabelSelector(selector), badSelectorDetail));
  } else if (!(selector && isEmptySelector(selector)) && !selectorMatches(selector, template?.metadata?.labels)) {
    errs.push(invalid('spec.template.metadata.labels', goStringMap(template?.metadata?.labels), MISMATCH));
  }
  return errs;
}

function templateRestartAlways(template: PodTemplateSpec | undefined, what: string): FieldError[] {
  const errs: FieldError[] = [];
  const restart = template?.spec?.restartPolicy ?? '';
  if (restart !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', goQuote(restart), ['Always']));
  if (template?.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${what} is not Supported`));
  }
  return errs;
}

/**
 * `ValidateStatefulSetSpec`. On create the serviceName must be a DNS label; updates skip that rule
 * so that sets created before Kubernetes 1.33 stay editable (`update`).
 */
export function statefulSetErrors(sts: StatefulSet, update = false): FieldError[] {
  const spec: Partial<StatefulSetSpec> = sts.spec ?? {};
  const errs: FieldError[] = [];
  const policy = spec.podManagementPolicy ?? '';
  if (!policy) errs.push(required('spec.podManagementPolicy'));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    errs.push(invalid('spec.podManagementPolicy', goQuote(policy), "must be 'OrderedReady' or 'Parallel'"));
  }
  const strategy = spec.updateStrategy ?? {};
  const rolling = strategy.rollingUpdate;
  if (!strategy.type) errs.push(required('spec.updateStrategy'));
  else if (strategy.type === 'OnDelete') {
    if (rolling) {
      const value = `apps.RollingUpdateStatefulSetStrategy{Partition:${rolling.partition ?? 0}, MaxUnavailable:(*intstr.IntOrString)(nil)}`;
      errs.push(invalid('spec.updateStrategy.rollingUpdate', value, "only allowed for updateStrategy 'RollingUpdate'"));
    }
  } else if (strategy.type === 'RollingUpdate') {
    if (rolling) errs.push(...nonNegative(rolling.partition, 'spec.updateStrategy.rollingUpdate.partition'));
  } else {
    const ru = rolling ? '(*apps.RollingUpdateStatefulSetStrategy)(0xc000010000)' : '(*apps.RollingUpdateStatefulSetStrategy)(nil)';
    errs.push(invalid('spec.updateStrategy', `apps.StatefulSetUpdateStrategy{Type:${goQuote(strategy.type)}, RollingUpdate:${ru}}`, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    for (const field of ['whenDeleted', 'whenScaled'] as const) {
      const v = retention[field] ?? '';
      if (v !== 'Retain' && v !== 'Delete') errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${field}`, goQuote(v), ['Retain', 'Delete']));
    }
  }
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  if (spec.ordinals) errs.push(...nonNegative(spec.ordinals.start, 'spec.ordinals.start'));
  if (spec.serviceName && !update) errs.push(...nameErrors(spec.serviceName, 'spec.serviceName', isDNS1123Label));
  errs.push(...selectorErrors(spec.selector, spec.template, 'statefulset', ''));
  errs.push(...labelErrors(spec.template?.metadata?.labels, 'spec.template.labels'));
  errs.push(...annotationErrors(spec.template?.metadata?.annotations, 'spec.template.annotations'));
  errs.push(...templateRestartAlways(spec.template, 'StatefulSet'));
  return errs;
}

function replicaSetLikeErrors(spec: Partial<DeploymentSpec | ReplicaSetSpec>, what: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...selectorErrors(spec.selector, spec.template, 'deployment', 'invalid label selector'));
  if (!isUnparsableSelector(spec.selector)) {
    errs.push(...podTemplateErrors(spec.template, 'spec.template'));
    errs.push(...templateRestartAlways(spec.template, what));
  }
  return errs;
}

/** `ValidateDeploymentSpec`. */
export function deploymentErrors(deploy: Deployment): FieldError[] {
  const spec: Partial<DeploymentSpec> = deploy.spec ?? {};
  const errs = replicaSetLikeErrors(spec, 'ReplicaSet');
  const strategy = spec.strategy ?? {};
  if (strategy.type === 'Recreate') {
    if (strategy.rollingUpdate) errs.push(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
  } else if (strategy.type === 'RollingUpdate') {
    const ru = strategy.rollingUpdate;
    if (!ru) errs.push(required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil'));
    else {
      errs.push(...intOrPercentErrors(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'));
      errs.push(...intOrPercentErrors(ru.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
    }
  } else {
    const value = `apps.DeploymentStrategy{Type:${goQuote(strategy.type ?? '')}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`;
    errs.push(notSupported('spec.strategy', value, ['Recreate', 'RollingUpdate']));
  }
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const deadline = spec.progressDeadlineSeconds;
  if (deadline !== undefined) {
    errs.push(...nonNegative(deadline, 'spec.progressDeadlineSeconds'));
    if (deadline <= (spec.minReadySeconds ?? 0)) errs.push(invalid('spec.progressDeadlineSeconds', goInt(deadline), 'must be greater than minReadySeconds'));
  }
  return errs;
}

/** `ValidateReplicaSetSpec` (upstream says "for deployment" in the empty-selector text, too). */
export function replicaSetErrors(rs: ReplicaSet): FieldError[] {
  const spec: Partial<ReplicaSetSpec> = rs.spec ?? {};
  return [...replicaSetLikeErrors(spec, 'ReplicaSet'), ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds')];
}

/** `ValidateDaemonSetSpec`. */
export function daemonSetErrors(ds: DaemonSet): FieldError[] {
  const spec: Partial<DaemonSetSpec> = ds.spec ?? {};
  const errs = labelSelectorErrors(spec.selector, 'spec.selector');
  if (!isUnparsableSelector(spec.selector) && !selectorMatches(spec.selector, spec.template?.metadata?.labels)) {
    errs.push(invalid('spec.template.metadata.labels', goStringMap(spec.template?.metadata?.labels), MISMATCH));
  }
  if (spec.selector && isEmptySelector(spec.selector)) errs.push(invalid('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for daemonset'));
  errs.push(...podTemplateErrors(spec.template, 'spec.template'));
  errs.push(...templateRestartAlways(spec.template, 'DaemonSet'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  const strategy = spec.updateStrategy ?? {};
  if (strategy.type === 'RollingUpdate') {
    if (!strategy.rollingUpdate) errs.push(required('spec.updateStrategy.rollingUpdate'));
  } else if (strategy.type !== 'OnDelete') {
    const value = `apps.DaemonSetUpdateStrategy{Type:${goQuote(strategy.type ?? '')}, RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}`;
    errs.push(notSupported('spec.updateStrategy', value, ['RollingUpdate', 'OnDelete']));
  }
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errs;
}

/** `validateJobSpec` at `path` (`spec`, or `spec.jobTemplate.spec` inside a CronJob). */
function jobSpecErrors(spec: Partial<JobSpec>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.parallelism, child(path, 'parallelism')));
  errs.push(...nonNegative(spec.completions, child(path, 'completions')));
  errs.push(...nonNegative(spec.activeDeadlineSeconds, child(path, 'activeDeadlineSeconds')));
  errs.push(...nonNegative(spec.backoffLimit, child(path, 'backoffLimit')));
  errs.push(...nonNegative(spec.ttlSecondsAfterFinished, child(path, 'ttlSecondsAfterFinished')));
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
    errs.push(notSupported(child(path, 'completionMode'), goQuote(mode), ['NonIndexed', 'Indexed']));
  }
  if (mode === 'Indexed' && spec.completions === undefined) errs.push(required(child(path, 'completions'), 'when completion mode is Indexed'));
  errs.push(...podTemplateErrors(spec.template, child(path, 'template')));
  const restart = spec.template?.spec?.restartPolicy;
  if (restart !== 'OnFailure' && restart !== 'Never') {
    errs.push(required(child(path, 'template', 'spec', 'restartPolicy'), 'valid values: "OnFailure", "Never"'));
  }
  return errs;
}

/**
 * `ValidateJob`. The API server generates the selector and the `controller-uid`/`job-name` labels
 * before validating (see `applyDefaults`); a user-written selector without `manualSelector: true`
 * is rejected as "not auto-generated".
 */
export function jobErrors(job: Job): FieldError[] {
  const spec: Partial<JobSpec> = job.spec ?? {};
  const errs: FieldError[] = [];
  const uid = job.metadata?.uid ?? '';
  const generated = spec.selector?.matchLabels?.['batch.kubernetes.io/controller-uid'] === uid;
  if (spec.manualSelector !== true && spec.selector && !(generated && Object.keys(spec.selector.matchLabels ?? {}).length === 1)) {
    errs.push(invalid('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  }
  errs.push(...jobSpecErrors(spec, 'spec'));
  if (spec.manualSelector === true) {
    if (!spec.selector) errs.push(required('spec.selector'));
    else errs.push(...labelSelectorErrors(spec.selector, 'spec.selector'));
    if (!isUnparsableSelector(spec.selector) && !selectorMatches(spec.selector, spec.template?.metadata?.labels)) {
      errs.push(invalid('spec.template.metadata.labels', goStringMap(spec.template?.metadata?.labels), MISMATCH));
    }
  }
  if (spec.completionMode === 'Indexed' && spec.completions && job.metadata?.name) {
    const hostname = `${job.metadata.name}-${spec.completions - 1}`;
    if (isDNS1123Label(hostname).length) {
      errs.push(invalid('metadata.name', goQuote(job.metadata.name), `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
  return errs;
}

/** `ValidateCronJobCreate` (the schedule, the job template, the 52-character name limit). */
export function cronJobErrors(cj: CronJob): FieldError[] {
  const spec: Partial<CronJobSpec> = cj.spec ?? {};
  const errs: FieldError[] = [];
  if (!spec.schedule) errs.push(required('spec.schedule'));
  else {
    const problem = cronScheduleError(spec.schedule);
    if (problem) errs.push(invalid('spec.schedule', goQuote(spec.schedule), problem));
    if (spec.schedule.includes('TZ')) {
      errs.push(invalid('spec.schedule', goQuote(spec.schedule), 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
  }
  errs.push(...nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  const policy = spec.concurrencyPolicy ?? '';
  if (!policy) errs.push(required('spec.concurrencyPolicy'));
  else if (!['Allow', 'Forbid', 'Replace'].includes(policy)) errs.push(notSupported('spec.concurrencyPolicy', goQuote(policy), ['Allow', 'Forbid', 'Replace']));
  const jobSpec: Partial<JobSpec> = spec.jobTemplate?.spec ?? {};
  errs.push(...jobSpecErrors(jobSpec, 'spec.jobTemplate.spec'));
  if (jobSpec.selector) errs.push(invalid('spec.jobTemplate.spec.selector', goLabelSelector(jobSpec.selector), '`selector` will be auto-generated'));
  if (jobSpec.manualSelector === true) errs.push(notSupported('spec.jobTemplate.spec.manualSelector', 'true', ['nil', 'false']));
  const name = cj.metadata?.name ?? '';
  if (name.length > 52) errs.push(invalid('metadata.name', goQuote(name), 'must be no more than 52 characters'));
  return errs;
}
