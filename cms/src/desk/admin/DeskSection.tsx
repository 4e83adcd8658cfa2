import type { ReactNode } from 'react'

/** One part of the desk: a region named by its heading, with the number of things in it when it counts them. */
export function DeskSection({
  id,
  heading,
  count,
  className,
  children,
}: {
  id: string
  heading: string
  count?: number
  className?: string
  children: ReactNode
}) {
  return (
    <section className={className ? `desk__section ${className}` : 'desk__section'} aria-labelledby={id}>
      <h3 id={id}>
        {heading}
        {count !== undefined && (
          <>
            {' '}
            <span className="desk__count">{count.toLocaleString('en')}</span>
          </>
        )}
      </h3>
      {children}
    </section>
  )
}
