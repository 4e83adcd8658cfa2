import { FinancialBreakdown } from './FinancialBreakdown'
import { Highlights } from './Highlights'
import { PartnerQuote } from './PartnerQuote'

/** The blocks an annual report's body offers, in the editor's order. */
export const REPORT_BLOCKS = [Highlights, PartnerQuote, FinancialBreakdown]

/** A block's name as editors know it ("Financial breakdown"), by its type. */
export function blockLabel(blockType: string): string {
  const singular = REPORT_BLOCKS.find((block) => block.slug === blockType)?.labels?.singular
  return typeof singular === 'string' ? singular : blockType
}
