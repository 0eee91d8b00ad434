import { Handle, Position } from '@xyflow/react';
import type { Tone } from '../../../src/graph/graphModel';

/** Invisible connection points: edges enter at the top and leave at the bottom of a card. */
export function Ports() {
  return (
    <>
      <Handle type="target" position={Position.Top} isConnectable={false} className="port" />
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="port" />
    </>
  );
}

/** A status word in a coloured pill: the colour helps, the text carries the meaning. */
export function Badge({ tone, text, testId }: { tone: Tone; text: string; testId?: string }) {
  return (
    <span className={`badge tone-${tone}`} data-testid={testId}>
      {text}
    </span>
  );
}
