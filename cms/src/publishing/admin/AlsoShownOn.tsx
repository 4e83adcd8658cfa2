import { ALSO_SHOWN_ON, type ShownOnAnotherPage } from '../../contract'
import { previewOnUrl } from '../preview'

type Props = { id?: number | string; target: ShownOnAnotherPage }

const PAGE_NAMES = { home: 'the home page' } as const

/**
 * Beside the Preview button of a document part of which shows on another page (a value's
 * summary and the newest report's card, on the home page): a preview of that page with the
 * draft in it. A server component: the link's token is signed here.
 */
export function AlsoShownOn({ id, target }: Props) {
  if (id === undefined) return null
  const page = PAGE_NAMES[ALSO_SHOWN_ON[target]]
  return (
    <a className="also-shown-on" href={previewOnUrl(target, id)} target="_blank" rel="noopener">
      Preview on {page}
    </a>
  )
}
