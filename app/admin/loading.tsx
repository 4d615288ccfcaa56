export default function AdminLoading() {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 py-16 text-stone-600">
      <span className="h-5 w-5 animate-spin rounded-full border-2 border-brand-600 border-t-transparent" aria-hidden />
      Loading…
    </div>
  );
}
