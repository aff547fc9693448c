import type { PeerId, RoomLink, Topology } from '@meshwork/protocol';
import { useMemo } from 'react';
import { isolate } from '../../format/bidi';
import { useFormat, useT } from '../../i18n/useT';
import { NO_LINKS, NO_PEERS } from '../../store/empty';
import { useAppStore } from '../../store/StoreContext';
import { isMediaServer } from '../../topology/cost';
import { layoutPeers } from '../../topology/layout';
import { relaysOf } from '../../topology/relays';

const SIZE = 240;

/** What the diagram draws: peers in join order, the plan's edges and the links' states. */
export interface TopologyDiagramProps {
  order: readonly PeerId[];
  hub: PeerId | null;
  edges: readonly (readonly [PeerId, PeerId])[];
  /**
   * A hybrid plan's video graph (SPEC [P30]): edges outside it carry audio only and are drawn
   * dashed; relays are those of the video graph.
   */
  videoEdges?: readonly (readonly [PeerId, PeerId])[] | undefined;
  /** The viewer's own node, marked; null for a watcher outside the call. */
  self: PeerId | null;
  links: readonly RoomLink[];
  /** Links this page knows failed (its own link states), drawn failed even once unplanned. */
  failed?: readonly PeerId[];
  topology: Topology | undefined;
  names: ReadonlyMap<PeerId, string>;
  /** Media hubs: they forward packets, so they are never drawn as re-encoding relays. */
  forwarders?: ReadonlySet<PeerId>;
}

/**
 * The room's link graph as an SVG: peers as nodes, links coloured by state with RTT on hover,
 * and relays (peers that decode and re-encode someone else's video) marked with a dashed ring.
 */
export default function TopologyPicture() {
  const plan = useAppStore((s) => s.plan);
  const links = useAppStore((s) => s.room?.links ?? NO_LINKS);
  // The plan's own topology: with Automatic, the one the server picked.
  const topology = useAppStore((s) => s.plan?.topology);
  const peers = useAppStore((s) => s.room?.peers ?? NO_PEERS);
  const forwarders = useMemo(() => new Set(peers.filter(isMediaServer).map((p) => p.id)), [peers]);
  const names = useAppStore((s) => s.names);
  const linkStates = useAppStore((s) => s.linkStates);
  const m = useT();
  const failed = useMemo(
    () => [...linkStates].filter(([, status]) => status === 'failed').map(([peer]) => peer),
    [linkStates],
  );
  if (!plan) return <p className="muted">{m.topology.waitingPlan}</p>;
  return (
    <TopologyDiagram
      order={plan.order}
      hub={plan.hub}
      edges={plan.edges}
      videoEdges={plan.videoEdges}
      self={plan.self}
      links={links}
      failed={failed}
      topology={topology}
      names={names}
      forwarders={forwarders}
    />
  );
}

type Edge = readonly [PeerId, PeerId];

/**
 * The plan's edges plus every failed link between peers on the picture (reported by either end,
 * or failed at this page), which the plan may already have dropped to route around it.
 */
function drawnEdges(plan: TopologyDiagramProps): { edges: Edge[]; failed: Set<string> } {
  const key = (a: PeerId, b: PeerId) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const onPicture = new Set(plan.order);
  const failed = new Set<string>();
  const extra: Edge[] = [];
  const add = (a: PeerId, b: PeerId) => {
    if (!onPicture.has(a) || !onPicture.has(b) || failed.has(key(a, b))) return;
    failed.add(key(a, b));
    if (!plan.edges.some(([x, y]) => key(x, y) === key(a, b))) extra.push([a, b]);
  };
  for (const l of plan.links) if (l.state === 'failed') add(l.a, l.b);
  if (plan.self) for (const peer of plan.failed ?? []) add(plan.self, peer);
  return { edges: [...plan.edges, ...extra], failed };
}

/** The picture itself, from plain props (the call's plan, or a watcher's live room feed). */
export function TopologyDiagram(plan: TopologyDiagramProps) {
  const { links, topology, names } = plan;
  const points = useMemo(() => layoutPeers(plan.order, plan.hub, SIZE), [plan.order, plan.hub]);
  const relays = useMemo(
    () => relaysOf({ order: plan.order, edges: plan.videoEdges ?? plan.edges }, plan.forwarders),
    [plan.order, plan.edges, plan.videoEdges, plan.forwarders],
  );
  const videoKeys = useMemo(
    () =>
      plan.videoEdges === undefined
        ? null
        : new Set(plan.videoEdges.map(([a, b]) => (a < b ? `${a}|${b}` : `${b}|${a}`))),
    [plan.videoEdges],
  );

  // SVG text and titles are plain text: names are wrapped in Unicode isolates instead of <bdi>.
  const name = (id: PeerId, max = Number.POSITIVE_INFINITY) => {
    const known = names.get(id);
    return isolate(known === undefined ? id.slice(0, 6) : [...known].slice(0, max).join(''));
  };
  const linkOf = (a: PeerId, b: PeerId) =>
    links.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));
  const drawn = drawnEdges(plan);
  const m = useT();
  const f = useFormat();
  const t = m.topology;

  return (
    <figure className="topology-picture">
      <svg
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-label={t.picture(topology ? m.common.topology[topology] : '', plan.order.length)}
      >
        {drawn.edges.map(([a, b]) => {
          const pa = points.get(a);
          const pb = points.get(b);
          if (!pa || !pb) return null;
          const link = linkOf(a, b);
          const failed = drawn.failed.has(a < b ? `${a}|${b}` : `${b}|${a}`);
          const state = failed ? 'failed' : (link?.state ?? 'connecting');
          const rtt = link?.rttMs == null ? t.rttUnknown : t.rtt(f.ms(Math.round(link.rttMs)));
          const audioOnly = videoKeys !== null && !videoKeys.has(a < b ? `${a}|${b}` : `${b}|${a}`);
          return (
            <line
              key={`${a}|${b}`}
              className={`edge edge-${state}${audioOnly ? ' edge-audio' : ''}`}
              x1={pa.x}
              y1={pa.y}
              x2={pb.x}
              y2={pb.y}
              data-link={`${a}|${b}`}
            >
              <title>
                {failed
                  ? t.linkFailed(name(a), name(b))
                  : audioOnly
                    ? m.hybrid.linkAudioOnly(t.link(name(a), name(b), t.state[state], rtt))
                    : t.link(name(a), name(b), t.state[state], rtt)}
              </title>
            </line>
          );
        })}
        {plan.order.map((id) => {
          const p = points.get(id);
          if (!p) return null;
          const relayed = relays.get(id) ?? [];
          const title =
            relayed.length > 0
              ? t.reencodes(name(id), f.list(relayed.map((r) => name(r))))
              : name(id);
          return (
            <g
              key={id}
              className={`node${id === plan.self ? ' node-self' : ''}${relayed.length ? ' node-relay' : ''}`}
              data-peer={id}
            >
              <title>{title}</title>
              {relayed.length > 0 && <circle cx={p.x} cy={p.y} r={17} className="relay-ring" />}
              <circle cx={p.x} cy={p.y} r={12} />
              <text x={p.x} y={p.y + 28} textAnchor="middle">
                {name(id, 12)}
                {id === plan.hub ? t.hubMark : ''}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        <span className="legend-item edge-connected">{t.state.connected}</span>
        <span className="legend-item edge-connecting">{t.state.connecting}</span>
        <span className="legend-item edge-failed">{t.state.failed}</span>
        <span className="legend-item legend-relay">{t.relay}</span>
        {videoKeys !== null && (
          <span className="legend-item legend-audio">{m.hybrid.legendAudio}</span>
        )}
      </figcaption>
    </figure>
  );
}
