import type { FinancialBreakdownBlock } from 'cms/contract'
import { escapeHtml as escape } from './html'

type Kind = NonNullable<FinancialBreakdownBlock['lines']>[number]['kind']
type Line = { label: string; amount: number }
type Group = { kind: Kind; title: string; lines: Line[]; total: number; largest: Line }

const GROUPS: { kind: Kind; title: string }[] = [
  { kind: 'income', title: 'Income' },
  { kind: 'expense', title: 'Expenses' },
]

/** A bar's length as a share of the chart's scale, in percent to two decimals. */
export const barShare = (amount: number, scale: number) => (scale > 0 ? Math.round((amount / scale) * 10_000) / 100 : 0)

/**
 * One bar, as an SVG of its own beside its HTML label and amount: labels wrap and keep their size
 * at any width, and the bar stretches with the line. Expenses are striped (a dashed line as thick
 * as the bar), income solid, so the two differ by more than colour. The sizes and colours are in
 * the site's stylesheet (the page's CSP allows no inline styles).
 */
function bar(kind: Kind, share: number): string {
  const width = `${share}%`
  const stripes = kind === 'expense' ? `<line class="money-stripes" x1="0" y1="50%" x2="${width}" y2="50%"></line>` : ''
  return `<svg class="money-bar"><rect class="money-bar-${kind}" width="${width}" height="100%"></rect>${stripes}</svg>`
}

/**
 * What the chart shows, for those who cannot see it: each kind's total and largest line, and the
 * balance. Amounts spell the currency out ("12,500 US dollars"), which reads better than a symbol.
 */
function textAlternative(groups: Group[], currency: string): string {
  const spoken = new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'name', maximumFractionDigits: 0 })
  const parts = groups.map(
    ({ title, lines, total, largest }) =>
      `${title}: ${spoken.format(total)} in total, from ${lines.length} ${lines.length === 1 ? 'line' : 'lines'}; ` +
      `the largest is ${largest.label}, ${spoken.format(largest.amount)}.`,
  )
  const [income, expense] = [groups.find((g) => g.kind === 'income'), groups.find((g) => g.kind === 'expense')]
  if (income && expense) {
    const balance = income.total - expense.total
    parts.push(
      balance > 0
        ? `Income exceeds expenses by ${spoken.format(balance)}.`
        : balance < 0
          ? `Expenses exceed income by ${spoken.format(-balance)}.`
          : 'Income and expenses are equal.',
    )
  }
  return `Bar chart of ${groups.map((g) => g.title.toLowerCase()).join(' and ')}. ${parts.join(' ')} The figures are in the table that follows.`
}

/**
 * The financial breakdown block: a bar chart of income and expenses (every line and each total
 * on one scale, the largest total being the full width) as an image with a text alternative, and
 * the same figures as a table, folded away under the chart, for screen readers and for copying.
 * Amounts must be non-negative numbers and the currency one Intl knows: anything else throws,
 * and the converter leaves the block out rather than print it.
 */
export function financialBreakdown({ heading, currency, lines, note }: FinancialBreakdownBlock): string {
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 })
  for (const line of lines ?? []) {
    if (typeof line.amount !== 'number' || !Number.isFinite(line.amount) || line.amount < 0) {
      throw new TypeError(`financial breakdown: "${line.label}" has no valid amount`)
    }
  }
  const groups: Group[] = GROUPS.flatMap(({ kind, title }) => {
    const own = (lines ?? []).filter((line) => line.kind === kind)
    if (own.length === 0) return []
    const largest = own.reduce((a, b) => (b.amount > a.amount ? b : a))
    return [{ kind, title, lines: own, total: own.reduce((sum, line) => sum + line.amount, 0), largest }]
  })
  const scale = Math.max(0, ...groups.map((group) => group.total))

  const chartLine = (kind: Kind, label: string, amount: number, total = false) =>
    `<div class="money-line${total ? ' money-total' : ''}"><span class="money-label">${escape(label)}</span> ` +
    `<span class="money-amount">${money.format(amount)}</span>${bar(kind, barShare(amount, scale))}</div>`
  const chart = groups
    .map(
      ({ kind, title, lines: own, total }) =>
        `<div class="money-group"><p class="money-group-title">${title}</p>` +
        own.map((line) => chartLine(kind, line.label, line.amount)).join('') +
        chartLine(kind, `Total ${title.toLowerCase()}`, total, true) +
        '</div>',
    )
    .join('')

  const table = groups
    .map(
      ({ title, lines: own, total }) =>
        `<tbody><tr><th scope="rowgroup" colspan="2" class="table-group">${title}</th></tr>` +
        own.map((line) => `<tr><th scope="row">${escape(line.label)}</th><td>${money.format(line.amount)}</td></tr>`).join('') +
        `<tr class="table-total"><th scope="row">Total ${title.toLowerCase()}</th><td>${money.format(total)}</td></tr></tbody>`,
    )
    .join('')

  return (
    `<section class="money"><h2>${escape(heading)}</h2>` +
    `<div class="money-chart" role="img" aria-label="${escape(textAlternative(groups, currency))}">${chart}</div>` +
    `<details class="money-figures"><summary>Show the figures as a table</summary>` +
    `<div class="table-scroll"><table class="financial-breakdown"><caption>${escape(heading)}</caption>` +
    `<thead><tr><th scope="col">Item</th><th scope="col">Amount</th></tr></thead>${table}</table></div></details>` +
    `${note ? `<p class="table-note">${escape(note)}</p>` : ''}</section>`
  )
}
