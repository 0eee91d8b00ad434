import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeProps } from '@xyflow/react';
import type { CardNode } from '../toFlowElements';
import { Badge, Ports } from './cardParts';

function Meter({ label, used, total, fraction }: { label: string; used: string; total: string; fraction: number }) {
  const { t } = useTranslation('classroom');
  return (
    <span className="meter" title={t('graph.lane.meterTitle', { resource: label, used, total })}>
      {label} {used}/{total}
      <span className="meter-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, Math.round(fraction * 100))}%` }} />
      </span>
    </span>
  );
}

function LaneBand({ data }: NodeProps<CardNode>) {
  const { t } = useTranslation('classroom');
  if (data.type !== 'lane') return null;
  const lane = data.data;
  return (
    <div className={`lane ${lane.ready ? '' : 'not-ready'} ${lane.cordoned ? 'cordoned' : ''}`} data-testid={`graph.${data.id}`}>
      <div className="lane-header">
        <span className="name">{lane.name}</span>
        <Badge tone={lane.ready ? 'ok' : 'error'} text={lane.ready ? 'Ready' : 'NotReady'} testId={`graph.${data.id}.ready`} />
        {lane.cordoned ? <Badge tone="warning" text="SchedulingDisabled" /> : null}
        {lane.taints.length ? (
          <span className="taints" data-testid={`graph.${data.id}.taints`} title={lane.taints.join('\n')}>
            {lane.taints.map((t) => t.replace(/^node\.kubernetes\.io\//, '')).join(' ')}
          </span>
        ) : null}
        {/* An unreachable node reports nothing: its taints say more than its resource meters. */}
        {lane.ready ? <Meter label="cpu" used={lane.cpu.requested} total={lane.cpu.allocatable} fraction={lane.cpu.fraction} /> : null}
        {lane.ready ? <Meter label={t('graph.lane.memory')} used={lane.memory.requested} total={lane.memory.allocatable} fraction={lane.memory.fraction} /> : null}
      </div>
    </div>
  );
}

function AreaBand({ data }: NodeProps<CardNode>) {
  const { t } = useTranslation('classroom');
  if (data.type !== 'area') return null;
  return (
    <div className={`lane area-${data.data.kind}`} data-testid={`graph.${data.id}`}>
      <div className="lane-header">
        <span className="name">{t(`graph.area.${data.data.kind}`)}</span>
      </div>
    </div>
  );
}

function ServiceCard({ data }: NodeProps<CardNode>) {
  if (data.type !== 'service') return null;
  const service = data.data;
  return (
    <div className="card service" data-testid={`graph.${data.id}`}>
      <Ports />
      <div className="card-title">
        <span className="kind">Service</span>
        <span className="name">{service.name}</span>
        <span className="small">{service.headless ? 'headless' : service.clusterIP}</span>
      </div>
      <ul className="records">
        {service.records.map((record) => (
          <li key={record}>{record}</li>
        ))}
      </ul>
    </div>
  );
}

/** Owner card: `StatefulSet web ready 3/3`, `Job backup Complete 1/1`, `CronJob backup Scheduled 0 * * * *`. */
function OwnerCard({ data }: NodeProps<CardNode>) {
  const { t } = useTranslation('classroom');
  if (data.type !== 'owner') return null;
  const owner = data.data;
  const id = `graph.${data.id}`;
  const jobLike = owner.kind === 'Job' || owner.kind === 'CronJob';
  return (
    <div className="card owner" data-testid={id}>
      <Ports />
      <div className="card-title">
        <span className="kind">{owner.kind}</span>
        <span className="name">{owner.name}</span>
        {owner.status ? <Badge tone={owner.tone ?? 'neutral'} text={owner.status} testId={`${id}.status`} /> : null}
        {owner.ready ? (
          <span className="small" data-testid={`${id}.ready`}>
            {jobLike ? owner.ready : t('graph.owner.ready', { ready: owner.ready })}
          </span>
        ) : null}
        {owner.schedule ? (
          <span className="schedule" data-testid={`${id}.schedule`} title={t('graph.owner.schedule')}>
            {owner.schedule}
          </span>
        ) : null}
      </div>
    </div>
  );
}

/** A PodDisruptionBudget: name, selector and `kubectl get pdb`'s ALLOWED DISRUPTIONS. */
function BudgetCard({ data }: NodeProps<CardNode>) {
  const { t } = useTranslation('classroom');
  if (data.type !== 'budget') return null;
  const pdb = data.data;
  const id = `graph.${data.id}`;
  const rule = pdb.minAvailable !== 'N/A' ? `minAvailable ${pdb.minAvailable}` : `maxUnavailable ${pdb.maxUnavailable}`;
  return (
    <div className={`card budget tone-${pdb.tone}`} data-testid={id}>
      <Ports />
      <div className="card-title">
        <span className="kind">PDB</span>
        <span className="name">{pdb.name}</span>
        <span className="small">{rule}</span>
      </div>
      <div className="card-line">
        <span className="selector" data-testid={`${id}.selector`}>
          {pdb.selector}
        </span>
        <span title={t('graph.budget.healthTitle', { healthy: pdb.currentHealthy, needs: pdb.desiredHealthy })}>
          ALLOWED DISRUPTIONS <Badge tone={pdb.tone} text={String(pdb.allowedDisruptions)} testId={`${id}.allowed`} />
        </span>
      </div>
    </div>
  );
}

export const LaneNode = memo(LaneBand);
export const AreaNode = memo(AreaBand);
export const ServiceNode = memo(ServiceCard);
export const OwnerNode = memo(OwnerCard);
export const BudgetNode = memo(BudgetCard);
