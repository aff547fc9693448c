import type { RecordedTile, RecordingFrame } from './frame';
import { hasPicture } from './hasPicture';
import type { TileRect } from './layout';

/** The page's colours: background, tile, avatar, caption. */
export const RECORDING_COLOURS = {
  background: '#0f1115',
  tile: '#05070a',
  avatar: '#2b3445',
  text: '#e8eaf0',
  caption: 'rgb(0 0 0 / 60%)',
  state: '#ffb4ab',
} as const;

const FONT = 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** The part of a 2D context the drawing uses. */
export type DrawContext = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
  | 'fillRect'
  | 'fillText'
  | 'measureText'
  | 'drawImage'
  | 'beginPath'
  | 'arc'
  | 'fill'
  | 'save'
  | 'restore'
  | 'rect'
  | 'clip'
>;

/** A video element to draw from, or null when its tile has none playing yet. */
export type FrameSource = (tileId: string) => HTMLVideoElement | null;

/**
 * Draws one frame: the background, then each tile in its place as the page shows it: the video
 * (cover-fitted; a screen letterboxed), or the avatar with initials when the camera is off or no
 * frame arrives, the caption with the name and mic/camera state, and "Reconnecting…" over a
 * person who is away. Names are drawn as text, never parsed.
 */
export function drawTiles(
  ctx: DrawContext,
  size: { width: number; height: number },
  tiles: readonly RecordedTile[],
  rects: readonly TileRect[],
  video: FrameSource,
  labels: RecordingFrame['labels'],
): void {
  ctx.fillStyle = RECORDING_COLOURS.background;
  ctx.fillRect(0, 0, size.width, size.height);
  tiles.forEach((tile, i) => {
    const rect = rects[i];
    if (rect) drawTile(ctx, tile, rect, video(tile.id), labels);
  });
}

function drawTile(
  ctx: DrawContext,
  tile: RecordedTile,
  rect: TileRect,
  element: HTMLVideoElement | null,
  labels: RecordingFrame['labels'],
): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(rect.x, rect.y, rect.width, rect.height);
  ctx.clip();
  ctx.fillStyle = RECORDING_COLOURS.tile;
  ctx.fillRect(rect.x, rect.y, rect.width, rect.height);
  const playing = element !== null && hasPicture(element);
  if (tile.showVideo && playing) drawVideo(ctx, element, rect, tile.contain);
  else drawAvatar(ctx, tile.initials, rect);
  const unit = Math.max(10, Math.round(rect.height / 18));
  if (tile.overlay) {
    ctx.fillStyle = 'rgb(0 0 0 / 55%)';
    ctx.fillRect(rect.x, rect.y, rect.width, rect.height);
    ctx.fillStyle = RECORDING_COLOURS.text;
    ctx.font = `600 ${unit}px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(tile.overlay, rect.x + rect.width / 2, rect.y + rect.height / 2);
  }
  drawCaption(ctx, tile, rect, unit, labels);
  ctx.restore();
}

function drawVideo(ctx: DrawContext, el: HTMLVideoElement, rect: TileRect, contain: boolean) {
  const scale = (contain ? Math.min : Math.max)(
    rect.width / el.videoWidth,
    rect.height / el.videoHeight,
  );
  const w = el.videoWidth * scale;
  const h = el.videoHeight * scale;
  ctx.drawImage(el, rect.x + (rect.width - w) / 2, rect.y + (rect.height - h) / 2, w, h);
}

function drawAvatar(ctx: DrawContext, text: string, rect: TileRect) {
  const radius = Math.min(rect.width, rect.height) * 0.18;
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  ctx.fillStyle = RECORDING_COLOURS.avatar;
  ctx.beginPath();
  ctx.arc(cx, cy, radius, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = RECORDING_COLOURS.text;
  ctx.font = `600 ${Math.round(radius * 0.8)}px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, cx, cy);
}

function drawCaption(
  ctx: DrawContext,
  tile: RecordedTile,
  rect: TileRect,
  unit: number,
  labels: RecordingFrame['labels'],
) {
  const pad = Math.round(unit * 0.5);
  const height = Math.round(unit * 1.6);
  const y = rect.y + rect.height - pad - height;
  let x = rect.x + pad;
  const maxName = rect.width * 0.6;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.font = `600 ${unit}px ${FONT}`;
  const name = fitText(ctx, tile.caption, maxName - 2 * pad);
  x += pill(ctx, name, x, y, height, pad, RECORDING_COLOURS.text) + pad;
  ctx.font = `500 ${Math.round(unit * 0.85)}px ${FONT}`;
  if (tile.micOff) x += pill(ctx, labels.micOff, x, y, height, pad, RECORDING_COLOURS.state) + pad;
  if (tile.cameraOff) pill(ctx, labels.cameraOff, x, y, height, pad, RECORDING_COLOURS.state);
}

/** Draws `text` on a dark rounded pill at (x, y); returns the pill's width. */
function pill(
  ctx: DrawContext,
  text: string,
  x: number,
  y: number,
  height: number,
  pad: number,
  colour: string,
): number {
  const width = ctx.measureText(text).width + 2 * pad;
  ctx.fillStyle = RECORDING_COLOURS.caption;
  ctx.fillRect(x, y, width, height);
  ctx.fillStyle = colour;
  ctx.fillText(text, x + pad, y + height / 2);
  return width;
}

/** `text`, cut with an ellipsis to fit `max` pixels in the current font. */
export function fitText(ctx: Pick<DrawContext, 'measureText'>, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  const chars = [...text];
  while (chars.length > 1 && ctx.measureText(`${chars.join('')}…`).width > max) chars.pop();
  return `${chars.join('')}…`;
}
