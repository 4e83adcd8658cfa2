'use client'
import { Button, toast, useConfig } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'

import { postAction } from '../../http/postAction'

/** On the desk, beside a scheduled publication: cancel it (desk/cancelScheduled.ts). */
export function CancelScheduledButton({ jobId, what }: { jobId: number; what: string }) {
  const { config } = useConfig()
  const router = useRouter()

  const cancel = async () => {
    const answer = await postAction(`${config.serverURL}${config.routes.api}/desk/scheduled/${jobId}/cancel`)
    if (!answer.ok) {
      toast.error(`Not cancelled: ${answer.problem}`)
      return
    }
    toast.success(answer.message ?? 'Cancelled.')
    router.refresh()
  }

  return (
    <Button buttonStyle="secondary" size="small" margin={false} onClick={cancel} aria-label={`Cancel: ${what}`}>
      Cancel
    </Button>
  )
}
