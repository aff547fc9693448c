/**
 * A peer-supplied name (or file name) as HTML text, isolated for bidi: a right-to-left or
 * override character inside it cannot reorder the words around it.
 */
export function Name({ children, className }: { children: string; className?: string }) {
  return <bdi className={className ? `name ${className}` : 'name'}>{children}</bdi>;
}
