/** The download name of a recording: the room and the local time it started, sortable. */
export function recordingFileName(roomId: string, startedAt: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${startedAt.getFullYear()}-${two(startedAt.getMonth() + 1)}-${two(startedAt.getDate())}`;
  const time = `${two(startedAt.getHours())}${two(startedAt.getMinutes())}${two(startedAt.getSeconds())}`;
  // Room ids are already lowercase letters, digits and hyphens ([P1]); anything else goes.
  const room = roomId.replace(/[^a-z0-9-]/g, '').slice(0, 64) || 'call';
  return `meshwork-${room}-${day}-${time}.webm`;
}
