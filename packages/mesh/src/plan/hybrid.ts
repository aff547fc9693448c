import { graphOf, keysOfGraph } from './edgeSet';
import { type RoutedGraph, routedGraph } from './routedGraph';
import type { PlanInput } from './types';

/** Whether `input` asks for the hybrid plan: audio over a mesh, video over a star or ring ([R18]). */
export function isHybrid(input: Pick<PlanInput, 'topology' | 'audioRouting'>): boolean {
  return input.audioRouting === 'mesh' && input.topology !== 'mesh';
}

/**
 * The hybrid plan's graph ([R18]): video is routed over the topology's graph (star through its
 * hub, which may be a media server, or ring), audio over the people's full mesh, each with its
 * own trees. The links are the union of both graphs; failed, trial and away peers are treated in
 * each graph as they would be alone, so either kind routes around a failed link on its own.
 */
export function hybridGraph(input: PlanInput): RoutedGraph {
  const video = routedGraph(input);
  const audio = routedGraph({ ...input, topology: 'mesh' });
  const keys = new Set([...keysOfGraph(video.graph), ...keysOfGraph(audio.graph)]);
  return {
    ...video,
    // The video order comes first: a media-server hub leads it ([R17]) and is in no audio tree.
    graph: graphOf(video.graph.order, keys),
    trial: new Set([...video.trial, ...audio.trial]),
    audioTrees: audio.trees,
    videoEdges: video.graph.edges,
  };
}
