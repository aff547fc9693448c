// A camera with fine detail: what Chromium's fake capture plays from a file
// (`--use-file-for-fake-video-capture`). Its own test pattern compresses to 60-100 kbit/s, at the
// media hub's floor of a cap, so no cap could show as a lower rate. A moving gradient under
// low-amplitude noise takes all the rate the encoder is allowed, and still codes at a low one
// (coarser, the noise quantised away) rather than dropping frames as full-range noise does.
import { randomFillSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WIDTH = 320;
const HEIGHT = 180;
const FPS = 15;
/** Two seconds, played in a loop. */
const FRAMES = 30;

/** The video, in the YUV4MPEG2 format Chromium's fake capture reads. */
export interface NoiseCamera {
  /** The file to pass as `--use-file-for-fake-video-capture`. */
  path: string;
  /** Deletes it. Idempotent. */
  close(): Promise<void>;
}

/** Writes the video (4:2:0, grey chroma, gradient and noise in luma) to a temporary file. */
export async function createNoiseCamera(): Promise<NoiseCamera> {
  const dir = await mkdtemp(join(tmpdir(), 'meshwork-noise-'));
  const path = join(dir, 'noise.y4m');
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`);
  const luma = WIDTH * HEIGHT;
  const chroma = (WIDTH / 2) * (HEIGHT / 2);
  const parts: Buffer[] = [header];
  for (let i = 0; i < FRAMES; i++) {
    const frame = Buffer.alloc(luma + 2 * chroma, 128);
    const noise = randomFillSync(Buffer.alloc(luma));
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        const at = y * WIDTH + x;
        frame[at] = 64 + ((x + y + i * 8) % 96) + ((noise[at] ?? 0) % 40);
      }
    }
    parts.push(Buffer.from('FRAME\n'), frame);
  }
  await writeFile(path, Buffer.concat(parts));
  return { path, close: () => rm(dir, { recursive: true, force: true }) };
}
