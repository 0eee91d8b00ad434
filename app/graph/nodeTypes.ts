// Module-level map of node components: React Flow re-mounts every node when this object changes.
import type { NodeTypes } from '@xyflow/react';
import { AreaNode, BudgetNode, LaneNode, OwnerNode, ServiceNode } from './nodes/ClusterNodes';
import { PodNode } from './nodes/PodNode';
import { ClaimNode, VolumeNode } from './nodes/StorageNodes';

export const nodeTypes: NodeTypes = {
  lane: LaneNode,
  area: AreaNode,
  pod: PodNode,
  claim: ClaimNode,
  volume: VolumeNode,
  service: ServiceNode,
  owner: OwnerNode,
  budget: BudgetNode,
};
