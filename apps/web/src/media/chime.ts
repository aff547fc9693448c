/** How long the lobby chime sounds, in seconds. */
const CHIME_SECONDS = 0.45;

let context: AudioContext | null = null;

/**
 * A short two-note chime through Web Audio (no audio file to fetch), for someone asking to join.
 * Silent where the page may not play sound yet (no gesture) or Web Audio is missing.
 */
export function playChime(): void {
  try {
    context ??= new AudioContext();
    const now = context.currentTime;
    const gain = context.createGain();
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(0.15, now + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + CHIME_SECONDS);
    gain.connect(context.destination);
    for (const [i, hz] of [660, 880].entries()) {
      const tone = context.createOscillator();
      tone.frequency.value = hz;
      tone.connect(gain);
      tone.start(now + i * 0.12);
      tone.stop(now + CHIME_SECONDS);
    }
  } catch {
    // No sound is better than a broken page: the toast still says who asks.
  }
}
