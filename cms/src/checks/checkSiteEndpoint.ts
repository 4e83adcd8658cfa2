import type { Endpoint } from 'payload'

import { mayPublish } from '../access/roles'
import { errorAnswer } from '../http/errorAnswer'
import { checkWholeSite } from './record'

/**
 * POST /api/checks/site: "Check the whole site" (editors and admins): every document and global
 * checked again as it stands, external links queued for the job runner; answers with the counts.
 */
export const checkSiteEndpoint: Endpoint = {
  path: '/checks/site',
  method: 'post',
  handler: async (req) => {
    if (!mayPublish(req.user)) return errorAnswer(403, 'Only editors and admins can check the whole site.')
    const started = performance.now()
    const { documents, errors, warnings } = await checkWholeSite(req.payload)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    const plural = (count: number, word: string) => `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`
    return Response.json({
      message: `Checked ${plural(documents, 'document')} in ${seconds} s: ${plural(errors, 'problem')} to fix, ${plural(warnings, 'warning')}.`,
    })
  },
}
