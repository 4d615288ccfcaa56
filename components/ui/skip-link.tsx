/** The first thing a keyboard reaches on every page: a jump past the header to the page's own content. */
export function SkipLink() {
  return (
    <a
      href="#main"
      className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:bg-white focus:p-2"
    >
      Skip to content
    </a>
  );
}
