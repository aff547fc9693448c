/** Up to two initials of a display name, as the camera-off avatar shows them. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).slice(0, 2);
  return parts.map((p) => [...p][0]?.toUpperCase() ?? '').join('') || '?';
}
