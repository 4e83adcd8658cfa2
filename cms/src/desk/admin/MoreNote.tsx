/** Under a list cut at the desk's limit: how many more there are. */
export function MoreNote({ shown, total }: { shown: number; total: number }) {
  if (total <= shown) return null
  return (
    <p className="desk__hint">
      Showing {shown.toLocaleString('en')} of {total.toLocaleString('en')}.
    </p>
  )
}
