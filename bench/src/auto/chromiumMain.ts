// `pnpm --filter @meshwork/bench bench:auto-chromium [--ns=2,3,4,5,6,7]`: the automatic topology's
// mesh -> star size (SPEC [P28]) measured in Chromium. For each N it opens N pages of one headless
// Chromium (each its own context) with the fake camera at the web app's default preset (640x360 at
// 24 fps, microphone on), joins them into a room set to mesh with the default 2,500 kbit/s budget,
// lets congestion control settle and measures a window: per peer the kbit/s sent on the wire (RTP
// payload and headers), the picture every receiver decodes from every origin and each encoding's
// `qualityLimitationReason`; then which N first goes over the budget, measured and projected from
// the cost of one link where every picture was full size, against STAR_UP_PEERS / MESH_DOWN_PEERS.
import { loadavg } from 'node:os';
import { MESH_DOWN_PEERS, STAR_UP_PEERS } from '@meshwork/mesh/plan';
import { DEFAULT_UPLINK_KBPS } from '@meshwork/mesh/runtime';
import { mergeResults } from '../lib/mergeResults';
import { enterLoopbackNamespace } from '../netns';
import { ServerProcess } from '../signal/ServerProcess';
import type { WindowFigures } from '../uplink/measure';
import { buildUplinkPage, launchUplinkBrowser, runRoom } from '../uplink/runRoom';
import type { UplinkPage } from '../uplink/UplinkPage';
import { findThreshold, type MeasuredMesh, meshRow } from './threshold';

/** The web app's default camera (`apps/web/src/media/browserMedia.ts`, preset `normal`). */
const CAMERA = { width: 640, height: 360, fps: 24, audio: true, ideal: true };
/** Congestion control needs longer to reach a 360p rate than the 180p of the uplink bench. */
const TIMING = {
  camera: CAMERA,
  settleMs: 12_000,
  windowMs: 10_000,
  formTimeoutMs: 240_000,
};

function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function loads(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** Per peer: what it sends, per link, its encoders' limits; per receiver the pictures it decodes. */
function printMesh(w: WindowFigures): void {
  const row = meshRow(w, DEFAULT_UPLINK_KBPS, CAMERA);
  console.info(
    `\nmesh N=${w.n} (${w.windowS} s window, load ${loads()}): busiest sender ${row.maxUpKbps} kbit/s, ` +
      `${row.withinBudget ? 'every peer within' : 'OVER'} the ${DEFAULT_UPLINK_KBPS} kbit/s budget; ` +
      `pictures median ${row.medianHeight}p ${row.medianFps} fps`,
  );
  console.info(
    "| peer | up kbit/s (video) | per link | encoders' limit sum | within budget | enc ms/s | cpu % | limited by | pictures it decodes (origin: WxH fps) |",
  );
  console.info('| - | - | - | - | - | - | - | - | - |');
  for (const p of w.peers) {
    const limited = Object.entries(p.limitedBy)
      .map(([k, v]) => `${k}:${v}`)
      .join(' ');
    const pictures = w.pictures
      .filter((x) => x.receiver === p.index)
      .sort((a, b) => a.origin - b.origin)
      .map((x) => `${x.origin}: ${x.width}x${x.height} ${x.fps}`)
      .join(', ');
    const perLink = Math.round(p.upKbps / Math.max(1, w.n - 1));
    const limit = p.limitKbps ?? '—';
    const within = p.upKbps <= DEFAULT_UPLINK_KBPS ? 'yes' : 'no';
    console.info(
      `| ${p.index} | ${p.upKbps} (${p.videoUpKbps}) | ${perLink} | ${limit} | ${within} | ${p.encodeMsPerS} | ${p.cpuPct ?? '—'} | ${limited} | ${pictures} |`,
    );
  }
}

async function main(): Promise<void> {
  const network = enterLoopbackNamespace();
  const ns = (arg('ns') ?? '2,3,4,5,6,7').split(',').map(Number);
  const webRoot = await buildUplinkPage();
  const server = await ServerProcess.start({ mode: 'meshwork', config: { webRoot } });
  // The fake camera runs at 20 fps unless told; the web app's preset asks for 24.
  const browser = await launchUplinkBrowser(undefined, [
    `--use-fake-device-for-media-stream=fps=${CAMERA.fps}`,
  ]);
  const loadStart = loads();
  console.info(
    `camera ${CAMERA.width}x${CAMERA.height} at ${CAMERA.fps} fps with audio, budget ${DEFAULT_UPLINK_KBPS} kbit/s, ` +
      `settle ${TIMING.settleMs / 1000} s, window ${TIMING.windowMs / 1000} s; load average ${loadStart}`,
  );
  const measured: MeasuredMesh[] = [];
  try {
    for (const n of ns) {
      // A room that does not form on a loaded machine is reported as such, not fatal.
      const cameras = async (pages: readonly UplinkPage[]) => {
        const seen = new Set(
          pages.map((p) => `${p.camera.width}x${p.camera.height} ${p.camera.frameRate} fps`),
        );
        console.info(
          `\nmesh N=${n}: every page decodes every other; cameras deliver ${[...seen].join(', ')}`,
        );
      };
      const m = await runRoom(browser, `${server.url}/`, 'mesh', n, null, cameras, TIMING).then(
        (window): MeasuredMesh => {
          printMesh(window);
          return { n, window };
        },
        (err: unknown): MeasuredMesh => {
          console.warn(`\nmesh N=${n}: not measured: ${String(err)}`);
          return { n, error: String(err) };
        },
      );
      measured.push(m);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const found = findThreshold(measured, DEFAULT_UPLINK_KBPS, CAMERA);
  console.info(
    '\n| N | busiest sender kbit/s | per link kbit/s | within budget | pictures (median) | encodings limited by |',
  );
  console.info('| - | - | - | - | - | - |');
  for (const r of found.rows) {
    const limited = Object.entries(r.limitedBy)
      .map(([k, v]) => `${k}:${v}`)
      .join(' ');
    console.info(
      `| ${r.n} | ${r.maxUpKbps} | ${r.linkKbps} | ${r.withinBudget ? 'yes' : 'no'} | ${r.medianHeight}p ${r.medianFps} fps${r.fullPicture ? '' : ' (not all full size)'} | ${limited} |`,
    );
  }
  console.info(
    `\none link at the full picture: ${found.fullLinkKbps ?? '—'} kbit/s measured; ` +
      `first N over the budget: measured ${found.measuredOverN ?? 'none of those run'}, ` +
      `projected ${found.projectedOverN ?? '—'}; pictures first shrink at N = ${found.shrinksAtN ?? 'none of those run'} ` +
      `(STAR_UP_PEERS = ${STAR_UP_PEERS}, MESH_DOWN_PEERS = ${MESH_DOWN_PEERS}); load average at the end ${loads()}`,
  );
  mergeResults('autoChromium', {
    date: new Date().toISOString(),
    network,
    loadAverageStart: loadStart,
    loadAverageEnd: loads(),
    camera: CAMERA,
    budgetKbps: DEFAULT_UPLINK_KBPS,
    rows: found.rows,
    notMeasured: measured.flatMap((m) => ('error' in m ? [{ n: m.n, error: m.error }] : [])),
    fullLinkKbps: found.fullLinkKbps,
    measuredOverN: found.measuredOverN,
    projectedOverN: found.projectedOverN,
    shrinksAtN: found.shrinksAtN,
  });
}

await main();
