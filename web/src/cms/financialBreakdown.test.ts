/**
 * The financial breakdown as a chart and a table: amounts in the currency, totals, bars in
 * proportion on one scale, a text alternative that says what the chart shows, escaped text.
 */
import { describe, expect, it } from 'vitest'

import type { FinancialBreakdownBlock } from 'cms/contract'
import { barShare, financialBreakdown } from './financialBreakdown'
import { parseHtml } from './richText.test'

type Lines = FinancialBreakdownBlock['lines']
const breakdown = (lines: Lines, extra: Partial<FinancialBreakdownBlock> = {}) =>
  financialBreakdown({ blockType: 'financialBreakdown', heading: 'Where the money came from and went', currency: 'USD', lines, ...extra })

const YEAR: Lines = [
  { kind: 'income', label: 'Small donations', amount: 12500 },
  { kind: 'expense', label: 'Rent', amount: 3000 },
  { kind: 'income', label: 'Grants', amount: 40000 },
  { kind: 'expense', label: 'Printing', amount: 1250.6 },
]

/** The chart's lines as a reader sees them: group, label, amount, and the bar's width. */
function chartLines(html: string) {
  const chart = /<div class="money-chart"[^>]*>([\s\S]*?)<\/div><details/.exec(html)![1]!
  const groups = chart.split('<div class="money-group">').slice(1)
  return groups.flatMap((group) => {
    const title = /<p class="money-group-title">([^<]+)<\/p>/.exec(group)![1]
    return [
      ...group.matchAll(
        /<div class="money-line( money-total)?"><span class="money-label">([^<]*)<\/span> <span class="money-amount">([^<]*)<\/span><svg class="money-bar"><rect class="money-bar-(\w+)" width="([\d.]+)%" height="100%"><\/rect>(<line[^>]*><\/line>)?<\/svg><\/div>/g,
      ),
    ].map(([, total, label, amount, kind, width, stripes]) => ({
      title,
      total: Boolean(total),
      label,
      amount,
      kind,
      width: Number(width),
      striped: Boolean(stripes),
    }))
  })
}

const ariaLabel = (html: string) => parseHtml(html).tags.find((tag) => tag.attrs['role'] === 'img')!.attrs['aria-label']

describe('financialBreakdown', () => {
  it('shows every line and each total in the currency, grouped as income then expenses', () => {
    expect(chartLines(breakdown(YEAR)).map(({ title, label, amount, total }) => [title, label, amount, total])).toEqual([
      ['Income', 'Small donations', '$12,500', false],
      ['Income', 'Grants', '$40,000', false],
      ['Income', 'Total income', '$52,500', true],
      ['Expenses', 'Rent', '$3,000', false],
      ['Expenses', 'Printing', '$1,251', false],
      ['Expenses', 'Total expenses', '$4,251', true],
    ])
  })

  it('draws bars in proportion on one scale, the largest total being the full width', () => {
    const widths = Object.fromEntries(chartLines(breakdown(YEAR)).map((line) => [line.label, line.width]))
    expect(widths).toEqual({
      'Small donations': 23.81,
      Grants: 76.19,
      'Total income': 100,
      Rent: 5.71,
      Printing: 2.38,
      'Total expenses': 8.1,
    })
    // Expenses larger than income: their total is the scale instead.
    const deficit = Object.fromEntries(
      chartLines(
        breakdown([
          { kind: 'income', label: 'Dues', amount: 250 },
          { kind: 'expense', label: 'Buses', amount: 1000 },
        ]),
      ).map((line) => [line.label, line.width]),
    )
    expect(deficit).toEqual({ Dues: 25, 'Total income': 25, Buses: 100, 'Total expenses': 100 })
  })

  it('tells income from expenses by more than colour: solid bars and striped bars, under their own titles', () => {
    const lines = chartLines(breakdown(YEAR))
    for (const line of lines) {
      expect(line.kind).toBe(line.title === 'Income' ? 'income' : 'expense')
      expect(line.striped).toBe(line.title === 'Expenses')
    }
  })

  it('rounds bar widths to two decimals, and draws none for zero amounts or an all-zero chart', () => {
    expect(barShare(1, 3)).toBe(33.33)
    expect(barShare(2, 3)).toBe(66.67)
    expect(barShare(0, 10)).toBe(0)
    expect(barShare(0, 0)).toBe(0)
    expect(chartLines(breakdown([{ kind: 'expense', label: 'Nothing yet', amount: 0 }])).map((line) => line.width)).toEqual([0, 0])
  })

  it('is an image whose text alternative gives the totals, the largest lines and the balance', () => {
    const html = breakdown(YEAR)
    expect(html).toMatch(/^<section class="money"><h2>Where the money came from and went<\/h2><div class="money-chart" role="img" aria-label="/)
    expect(ariaLabel(html)).toBe(
      'Bar chart of income and expenses. ' +
        'Income: 52,500 US dollars in total, from 2 lines; the largest is Grants, 40,000 US dollars. ' +
        'Expenses: 4,251 US dollars in total, from 2 lines; the largest is Rent, 3,000 US dollars. ' +
        'Income exceeds expenses by 48,249 US dollars. The figures are in the table that follows.',
    )
    expect(
      ariaLabel(
        breakdown(
          [
            { kind: 'income', label: 'Dues', amount: 1 },
            { kind: 'expense', label: 'Buses', amount: 1000 },
          ],
          { currency: 'ILS' },
        ),
      ),
    ).toBe(
      'Bar chart of income and expenses. Income: 1 Israeli new shekel in total, from 1 line; the largest is Dues, 1 Israeli new shekel. ' +
        'Expenses: 1,000 Israeli new shekels in total, from 1 line; the largest is Buses, 1,000 Israeli new shekels. ' +
        'Expenses exceed income by 999 Israeli new shekels. The figures are in the table that follows.',
    )
    expect(
      ariaLabel(
        breakdown(
          [
            { kind: 'expense', label: 'Buses', amount: 1800 },
            { kind: 'expense', label: 'Sound', amount: 700 },
          ],
          { currency: 'EUR' },
        ),
      ),
    ).toBe('Bar chart of expenses. Expenses: 2,500 euros in total, from 2 lines; the largest is Buses, 1,800 euros. The figures are in the table that follows.')
    expect(
      ariaLabel(
        breakdown([
          { kind: 'income', label: 'Dues', amount: 5 },
          { kind: 'expense', label: 'Tea', amount: 5 },
        ]),
      ),
    ).toContain('Income and expenses are equal.')
  })

  it('keeps the figures as a captioned table with per-kind totals, folded under the chart, and the note after it', () => {
    const html = breakdown(YEAR, { note: 'Unaudited figures.' })
    expect(html.slice(html.indexOf('<details'))).toBe(
      '<details class="money-figures"><summary>Show the figures as a table</summary>' +
        '<div class="table-scroll"><table class="financial-breakdown"><caption>Where the money came from and went</caption>' +
        '<thead><tr><th scope="col">Item</th><th scope="col">Amount</th></tr></thead>' +
        '<tbody><tr><th scope="rowgroup" colspan="2" class="table-group">Income</th></tr>' +
        '<tr><th scope="row">Small donations</th><td>$12,500</td></tr>' +
        '<tr><th scope="row">Grants</th><td>$40,000</td></tr>' +
        '<tr class="table-total"><th scope="row">Total income</th><td>$52,500</td></tr></tbody>' +
        '<tbody><tr><th scope="rowgroup" colspan="2" class="table-group">Expenses</th></tr>' +
        '<tr><th scope="row">Rent</th><td>$3,000</td></tr>' +
        '<tr><th scope="row">Printing</th><td>$1,251</td></tr>' +
        '<tr class="table-total"><th scope="row">Total expenses</th><td>$4,251</td></tr></tbody>' +
        '</table></div></details><p class="table-note">Unaudited figures.</p></section>',
    )
  })

  it('formats other currencies and leaves out a kind with no lines', () => {
    const euros = breakdown(
      [
        { kind: 'expense', label: 'Buses', amount: 1800 },
        { kind: 'expense', label: 'Sound', amount: 700 },
      ],
      { currency: 'EUR' },
    )
    expect(euros).not.toContain('Income')
    expect(euros).toContain('<tr class="table-total"><th scope="row">Total expenses</th><td>€2,500</td></tr>')
    expect(euros).not.toContain('table-note')
    expect(chartLines(breakdown([{ kind: 'income', label: 'y', amount: 100 }], { currency: 'GBP' })).map((line) => line.amount)).toEqual(['£100', '£100'])
    expect(breakdown([{ kind: 'income', label: 'y', amount: 100 }], { currency: 'ILS' })).toContain('<td>₪100</td>')
  })

  it('escapes text everywhere it goes, the text alternative included', () => {
    const label = `"><svg onload="alert(1)"><script>alert(2)</script>`
    const html = breakdown([{ kind: 'income', label, amount: 10 }], { heading: '<b>Money</b> & more', note: '<i>n</i>' })
    const { tags, text } = parseHtml(html)
    expect(tags.map((tag) => tag.name).filter((name) => ['svg', 'rect', 'line'].includes(name))).toEqual(['svg', 'rect', 'svg', 'rect'])
    expect(tags.some((tag) => tag.name === 'script' || tag.name === 'b' || tag.name === 'i')).toBe(false)
    expect(ariaLabel(html)).toContain(`the largest is ${label}, 10 US dollars.`)
    expect(text).toContain('<b>Money</b> & more')
    expect(text).toContain(label)
    expect(text).toContain('<i>n</i>')
  })

  it.each([
    ['a string', '12" onload="alert(1)'],
    ['a negative number', -5],
    ['not a number', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
  ])('throws for an amount that is %s, and for a currency Intl does not know', (_, amount) => {
    expect(() => breakdown([{ kind: 'income', label: 'x', amount: amount as number }])).toThrow(TypeError)
    expect(() => breakdown(YEAR, { currency: 'XYZW' as 'USD' })).toThrow(RangeError)
  })
})
