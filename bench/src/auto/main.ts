// `pnpm --filter @meshwork/bench bench:auto`: the numbers behind the automatic topology's size
// thresholds (SPEC [P28]). For N = 2..10 it runs the mesh runtime's own uplink allocator
// (`allocateUplink`, what every sender's encodings are set from) over what one peer sends in a
// mesh, in a star leaf and in a browser star hub, at the app's default camera (the `normal`
// preset: 640x360 at 24 fps) and the default 2,500 kbit/s budget, and prints what the budget
// buys: the picture each stream can carry and whether the full picture fits.

import { MESH_DOWN_PEERS, MESH_LINK_KBPS, STAR_UP_PEERS } from '@meshwork/mesh/plan';
import {
  allocateUplink,
  DEFAULT_UPLINK_KBPS,
  type UplinkSend,
  type VideoSource,
} from '@meshwork/mesh/runtime';

/** The web app's default camera (`apps/web/src/media/browserMedia.ts`, preset `normal`). */
const CAMERA: VideoSource = { width: 640, height: 360, frameRate: 24 };

function sends(streams: number): UplinkSend[] {
  const out: UplinkSend[] = [];
  for (let i = 0; i < streams; i++) {
    out.push({ kind: 'video', stream: 'cam', source: CAMERA });
    out.push({ kind: 'audio', stream: 'cam', source: null });
  }
  return out;
}

/** What the allocator gives one peer that sends `streams` camera streams (video + audio each). */
function row(streams: number) {
  if (streams === 0) return { kbpsPerStream: 0, height: CAMERA.height, fps: CAMERA.frameRate };
  const enc = allocateUplink(sends(streams), DEFAULT_UPLINK_KBPS);
  const video = enc[0];
  const audio = enc[1];
  const scale = video?.scaleResolutionDownBy ?? 1;
  return {
    kbpsPerStream: ((video?.maxBitrate ?? 0) + (audio?.maxBitrate ?? 0)) / 1000,
    height: Math.round(CAMERA.height / scale),
    fps: video?.maxFramerate ?? CAMERA.frameRate,
  };
}

const lines: string[] = [];
lines.push(
  `camera ${CAMERA.width}x${CAMERA.height} at ${CAMERA.frameRate} fps, budget ${DEFAULT_UPLINK_KBPS} kbit/s; ` +
    `one mesh link at the full picture needs ${MESH_LINK_KBPS} kbit/s on the wire`,
);
lines.push(
  '| N | mesh: links | mesh: full picture needs (kbit/s) | mesh: picture sent | star leaf: picture sent | browser star hub: streams up | hub: relayed picture |',
);
lines.push('| - | - | - | - | - | - | - |');
for (let n = 2; n <= 10; n++) {
  const mesh = row(n - 1);
  const leaf = row(1);
  const hubStreams = (n - 1) * (n - 1);
  const hub = row(hubStreams);
  const need = (n - 1) * MESH_LINK_KBPS;
  const fits = need <= DEFAULT_UPLINK_KBPS;
  lines.push(
    `| ${n} | ${n - 1} | ${need}${fits ? '' : ' (over budget)'} | ${mesh.height}p ${mesh.fps} fps | ` +
      `${leaf.height}p ${leaf.fps} fps | ${hubStreams} | ${hub.height}p ${hub.fps} fps |`,
  );
}
const firstOver = Array.from({ length: 19 }, (_, i) => i + 2).find(
  (n) => (n - 1) * MESH_LINK_KBPS > DEFAULT_UPLINK_KBPS,
);
lines.push('');
lines.push(
  `first N whose mesh uplink at the full picture exceeds the budget: ${firstOver} ` +
    `(STAR_UP_PEERS = ${STAR_UP_PEERS}, MESH_DOWN_PEERS = ${MESH_DOWN_PEERS})`,
);
process.stdout.write(`${lines.join('\n')}\n`);
if (firstOver !== STAR_UP_PEERS) {
  process.stderr.write(
    `STAR_UP_PEERS (${STAR_UP_PEERS}) no longer matches the budget: ${firstOver}\n`,
  );
  process.exitCode = 1;
}
