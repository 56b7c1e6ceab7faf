/** A small "i in a circle" drawn as SVG (the ⓘ glyph is missing from common fonts and rendered as a box). */
export function InfoIcon({ className = "inline-block h-3.5 w-3.5 align-[-2px]" }: { className?: string }) {
  return (
    <svg viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true" focusable="false" className={className}>
      <circle cx="8" cy="8" r="6.75" />
      <path d="M8 7.25v4" strokeLinecap="round" />
      <circle cx="8" cy="4.75" r="0.9" fill="currentColor" stroke="none" />
    </svg>
  );
}
