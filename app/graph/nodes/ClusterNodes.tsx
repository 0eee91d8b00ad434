import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CardNode } from '../toFlowElements';
import { Badge, Ports } from './cardParts';

function Meter({ label, used, total, fraction }: { label: string; used: string; total: string; fraction: number }) {
  return (
    <span className="meter" title={`${label} requested ${used} of ${total} allocatable`}>
      {label} {used}/{total}
      <span className="meter-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, Math.round(fraction * 100))}%` }} />
      </span>
    </span>
  );
}

function LaneBand({ data }: NodeProps<CardNode>) {
  if (data.type !== 'lane') return null;
  const lane = data.data;
  return (
    <div className={`lane ${lane.ready ? '' : 'not-ready'} ${lane.cordoned ? 'cordoned' : ''}`} data-testid={`graph.${data.id}`}>
      <div className="lane-header">
        <span className="name">{lane.name}</span>
        <Badge tone={lane.ready ? 'ok' : 'error'} text={lane.ready ? 'Ready' : 'NotReady'} />
        {lane.cordoned ? <Badge tone="warning" text="SchedulingDisabled" /> : null}
        <Meter label="cpu" used={lane.cpu.requested} total={lane.cpu.allocatable} fraction={lane.cpu.fraction} />
        <Meter label="mem" used={lane.memory.requested} total={lane.memory.allocatable} fraction={lane.memory.fraction} />
      </div>
    </div>
  );
}

function AreaBand({ data }: NodeProps<CardNode>) {
  if (data.type !== 'area') return null;
  return (
    <div className={`lane area-${data.data.kind}`} data-testid={`graph.${data.id}`}>
      <div className="lane-header">
        <span className="name">{data.data.label}</span>
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

function OwnerCard({ data }: NodeProps<CardNode>) {
  if (data.type !== 'owner') return null;
  const owner = data.data;
  return (
    <div className="card owner" data-testid={`graph.${data.id}`}>
      <Ports />
      <div className="card-title">
        <span className="kind">{owner.kind}</span>
        <span className="name">{owner.name}</span>
        {owner.ready ? <span className="small">ready {owner.ready}</span> : null}
      </div>
    </div>
  );
}

export const LaneNode = memo(LaneBand);
export const AreaNode = memo(AreaBand);
export const ServiceNode = memo(ServiceCard);
export const OwnerNode = memo(OwnerCard);
