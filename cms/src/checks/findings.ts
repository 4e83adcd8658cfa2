/**
 * What the checks before publishing find (checks/README.md): errors block publishing, warnings are
 * shown. Each finding names the field and the place in it, says what is wrong and how to fix it.
 */
export type Severity = 'error' | 'warning'

export type Finding = {
  severity: Severity
  /** Which rule found it, for tests and for counting. */
  rule:
    | 'site-link'
    | 'image-alt'
    | 'empty-heading'
    | 'empty-text'
    | 'empty-block'
    | 'external-link'
    | 'heading-order'
    | 'link-text'
    | 'long-paragraph'
    | 'long-summary'
    | 'report-files'
  /** The field's path in the document, as Payload names it (`answer`, `vision.body`, `navigation.2.href`). */
  path: string
  /** Where, in words: the field's label and the place in its text ("Answer, paragraph 2"). */
  place: string
  /** What is wrong and what to do, in one or two sentences. */
  message: string
}

export const countBySeverity = (findings: Finding[]) => ({
  errors: findings.filter((finding) => finding.severity === 'error').length,
  warnings: findings.filter((finding) => finding.severity === 'warning').length,
})
