/** A grey placeholder block in the shape of content on its way; hidden from assistive technology. */
export function Skeleton({ className = '' }: { className?: string }) {
  return <span aria-hidden="true" className={`block animate-pulse rounded bg-gray-200 motion-reduce:animate-none ${className}`} />;
}
