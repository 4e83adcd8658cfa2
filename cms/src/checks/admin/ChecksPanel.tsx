'use client'
import type { Finding } from '../findings'
import { useContentChecks } from './useContentChecks'

/** Brings the field a finding is about into view, and into focus where it takes focus. */
function showField(path: string) {
  const field = document.querySelector<HTMLElement>(`[data-field-path="${CSS.escape(path)}"]`) ?? document.getElementById(`field-${path.replace(/\./g, '__')}`)
  field?.scrollIntoView({ block: 'center' })
  field?.querySelector<HTMLElement>('input, textarea, [contenteditable="true"]')?.focus()
}

function FindingList({ findings }: { findings: Finding[] }) {
  return (
    <ul className="checks__list">
      {findings.map((finding, index) => (
        <li key={`${finding.rule}-${finding.path}-${index}`}>
          <button type="button" className="checks__place" onClick={() => showField(finding.path)}>
            {finding.place}
          </button>{' '}
          {finding.message}
        </li>
      ))}
    </ul>
  )
}

/**
 * In the edit view's sidebar: what the checks found in the document as last saved. Errors block
 * publishing; warnings do not. Each finding names its field and place (a click shows the field)
 * and says what to do.
 */
export function ChecksPanel() {
  const checked = useContentChecks()
  if (checked === undefined) return null
  return (
    <section className="checks" aria-labelledby="checks-heading">
      <h3 id="checks-heading">Checks before publishing</h3>
      {checked === null ? (
        <p>Not checked yet: the checks run each time this is saved.</p>
      ) : checked.findings.length === 0 ? (
        <p className="checks__ok">Nothing to fix.</p>
      ) : (
        <>
          {checked.errors.length > 0 && (
            <>
              <h4 className="checks__errors">To fix before publishing ({checked.errors.length})</h4>
              <FindingList findings={checked.errors} />
            </>
          )}
          {checked.warnings.length > 0 && (
            <>
              <h4>Worth a look ({checked.warnings.length})</h4>
              <FindingList findings={checked.warnings} />
            </>
          )}
        </>
      )}
      <p className="checks__note">External links are tried in the background; what they answer shows here after the next save.</p>
    </section>
  )
}
