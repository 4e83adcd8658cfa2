'use client'
import { Button, toast, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'

import { postAction } from '../../../http/postAction'

/** Beside a webhook delivery's details: "Send again" (collections/WebhookDeliveries/sendAgain.ts). */
export function SendAgainButton() {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const router = useRouter()
  if (!id) return null

  const sendAgain = async () => {
    const answer = await postAction(`${config.serverURL}${config.routes.api}/webhook-deliveries/${id}/send-again`)
    if (!answer.ok) {
      toast.error(`Not sent again: ${answer.problem}`)
      return
    }
    toast.success(answer.message ?? 'It will be sent again.')
    router.refresh()
  }

  return (
    <Button buttonStyle="secondary" size="medium" margin={false} onClick={sendAgain} id="send-webhook-again">
      Send again
    </Button>
  )
}
