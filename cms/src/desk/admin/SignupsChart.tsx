import type { SubscriberFigures } from '../loadDesk'

const WIDTH = 560
const HEIGHT = 160
const AXIS = 20

const weekLabel = (weekStart: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${weekStart}T00:00:00Z`))

/**
 * Confirmed sign-ups per week, as bars with their number above each (no colour-only meaning, no
 * script): an image with a text alternative, and the same figures in a table for screen readers
 * and copying.
 */
export function SignupsChart({ weekly }: { weekly: SubscriberFigures['weekly'] }) {
  const busiest = Math.max(0, ...weekly.map((week) => week.confirmed))
  const scale = Math.max(1, busiest)
  const slot = WIDTH / weekly.length
  const total = weekly.reduce((sum, week) => sum + week.confirmed, 0)
  const summary = `Confirmed sign-ups per week over the last ${weekly.length} weeks: ${total.toLocaleString('en')} in all; the busiest week had ${busiest.toLocaleString('en')}.`
  return (
    <figure className="desk-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`} role="img" aria-label={summary} preserveAspectRatio="xMidYMid meet">
        {weekly.map((week, index) => {
          const height = Math.round(((HEIGHT - 18) * week.confirmed) / scale)
          const x = index * slot + slot * 0.15
          return (
            <g key={week.weekStart}>
              <rect x={x} y={HEIGHT - height} width={slot * 0.7} height={height} className="desk-chart__bar" />
              <text x={x + slot * 0.35} y={HEIGHT - height - 4} textAnchor="middle" className="desk-chart__value">
                {week.confirmed.toLocaleString('en')}
              </text>
              <text x={x + slot * 0.35} y={HEIGHT + 14} textAnchor="middle" className="desk-chart__label">
                {weekLabel(week.weekStart)}
              </text>
            </g>
          )
        })}
        <line x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} className="desk-chart__axis" />
      </svg>
      <figcaption>{summary}</figcaption>
      <details>
        <summary>The figures as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Week starting</th>
              <th scope="col">Confirmed sign-ups</th>
            </tr>
          </thead>
          <tbody>
            {weekly.map((week) => (
              <tr key={week.weekStart}>
                <td>{weekLabel(week.weekStart)}</td>
                <td>{week.confirmed.toLocaleString('en')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
