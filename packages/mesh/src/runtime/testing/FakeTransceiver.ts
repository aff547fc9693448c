// Test support: a transceiver with its sender and receiver, and the codecs the fakes know. Not
// part of the package's export list.
import { FakeTrack } from './FakeTrack';

/** Codecs the fakes can send and receive; like wrtc, more can be received than sent. */
export const FAKE_CODECS = {
  send: [
    { mimeType: 'video/VP8', clockRate: 90000 },
    { mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  ],
  receive: [
    { mimeType: 'video/VP8', clockRate: 90000 },
    { mimeType: 'video/flexfec-03', clockRate: 90000 },
    { mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  ],
};

/** An RTCRtpSender: the track it sends and its one encoding, both changed without renegotiation. */
export class FakeSender {
  static getCapabilities(kind: string) {
    return { codecs: FAKE_CODECS.send.filter((c) => c.mimeType.startsWith(`${kind}/`)) };
  }

  /** The encoding as last set, one per sender (the runtime never asks for simulcast). */
  encodings: RTCRtpEncodingParameters[] = [{ active: true }];

  constructor(public track: FakeTrack | null) {}

  getParameters(): { encodings: RTCRtpEncodingParameters[] } {
    return { encodings: this.encodings.map((e) => ({ ...e })) };
  }

  async setParameters(parameters: { encodings: RTCRtpEncodingParameters[] }): Promise<void> {
    this.encodings = parameters.encodings.map((e) => ({ ...e }));
  }

  async replaceTrack(track: FakeTrack | null): Promise<void> {
    this.track = track;
  }
}

/** An RTCRtpReceiver: one remote track for the life of its transceiver. */
export class FakeReceiver {
  static getCapabilities(kind: string) {
    return { codecs: FAKE_CODECS.receive.filter((c) => c.mimeType.startsWith(`${kind}/`)) };
  }

  constructor(readonly track: FakeTrack) {}
}

/** An RTCRtpTransceiver of one kind; its mid is set once a description names it. */
export class FakeTransceiver {
  mid: string | null = null;
  /** Null until an offer/answer exchange that names it completes, as in browsers. */
  currentDirection: string | null = null;
  readonly sender: FakeSender;
  readonly receiver: FakeReceiver;
  /** The last `setCodecPreferences` list, or null if never set. */
  codecPreferences: unknown[] | null = null;
  /** Media decoded on the receiver so far (frames for video, packets for audio). */
  decodedCount = 0;

  constructor(
    readonly kind: 'audio' | 'video',
    public direction: string,
    track: FakeTrack | null,
  ) {
    this.sender = new FakeSender(track);
    this.receiver = new FakeReceiver(new FakeTrack(kind));
  }

  setCodecPreferences(codecs: unknown[]): void {
    this.codecPreferences = [...codecs];
  }
}
