import { preferStableCodecs } from './codecs';
import { renumberedMids } from './payloadTypes';

type PeerConnectionClass = new (config: RTCConfiguration) => RTCPeerConnection;

const probes = new WeakMap<object, Promise<boolean>>();

/**
 * Whether this engine keeps an m-line's negotiated payload types in its next offer once codec
 * preferences are set on the transceiver. Feature detection, not the user agent: two local
 * connections (no ICE, no network) negotiate one video m-line whose offer uses numbers other than
 * the engine's own, the answerer sets preferences and answers, then makes a re-offer. Chromium 156
 * and wrtc keep the numbers; Firefox ESR 153 goes back to its own, which Chromium rejects ("Failed
 * to parse codecs correctly") on any m-line whose numbers it chose or harmonised across the
 * bundle. Made once per connection class (that of `pc`, so an injected factory's counts are
 * untouched); a probe that cannot run counts as "keeps" (nothing changes).
 */
export function keepsPayloadTypesUnderPreferences(pc: RTCPeerConnection): Promise<boolean> {
  const Class = pc.constructor as PeerConnectionClass;
  let probe = probes.get(Class);
  if (probe === undefined) {
    probe = runProbe(Class).catch(() => true);
    probes.set(Class, probe);
  }
  return probe;
}

async function runProbe(Class: PeerConnectionClass): Promise<boolean> {
  const offerer = new Class({ iceServers: [] });
  const answerer = new Class({ iceServers: [] });
  try {
    offerer.addTransceiver('video', { direction: 'sendrecv' });
    const offer = await offerer.createOffer();
    if (typeof offer.sdp !== 'string' || !offer.sdp.includes('a=rtpmap:')) return true;
    await answerer.setRemoteDescription({ type: 'offer', sdp: permutePayloadTypes(offer.sdp) });
    const [transceiver] = answerer.getTransceivers();
    if (transceiver === undefined || typeof transceiver.setCodecPreferences !== 'function') {
      return true;
    }
    preferStableCodecs(transceiver, true);
    const answer = await answerer.createAnswer();
    await answerer.setLocalDescription(answer);
    const reoffer = await answerer.createOffer();
    return renumberedMids(answer.sdp ?? '', reoffer.sdp ?? '').length === 0;
  } finally {
    offerer.close();
    answerer.close();
  }
}

/**
 * The same offer with its video payload types reversed (first <-> last, ...), consistently in
 * the m-line, `rtpmap`, `fmtp`, `rtcp-fb` and `apt=`: numbers the engine would not choose itself.
 */
export function permutePayloadTypes(sdp: string): string {
  const mline = /^m=video \d+ [A-Z/]+ ([\d ]+)$/m.exec(sdp);
  if (!mline?.[1]) return sdp;
  const pts = mline[1].trim().split(' ');
  const swap = new Map(pts.map((pt, i) => [pt, pts[pts.length - 1 - i] ?? pt]));
  const to = (pt: string) => swap.get(pt) ?? pt;
  return sdp
    .replace(mline[0], mline[0].replace(mline[1], pts.map(to).join(' ')))
    .replace(
      /^a=(rtpmap|fmtp|rtcp-fb):(\d+)/gm,
      (_m, attr: string, pt: string) => `a=${attr}:${to(pt)}`,
    )
    .replace(/apt=(\d+)/g, (_m, pt: string) => `apt=${to(pt)}`);
}
