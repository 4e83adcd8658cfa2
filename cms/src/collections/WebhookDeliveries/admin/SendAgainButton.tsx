'use client'
import { Button, toast, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'

/** Beside a webhook delivery's details: "Send again" (collections/WebhookDeliveries/sendAgain.ts). */
export function SendAgainButton() {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const router = useRouter()
  if (!id) return null

  const sendAgain = async () => {
    const response = await fetch(`${config.serverURL}${config.routes.api}/webhook-deliveries/${id}/send-again`, { method: 'POST', credentials: 'include' })
    const answer = (await response.json().catch(() => ({}))) as { message?: string; errors?: { message: string }[] }
    if (!response.ok) {
      toast.error(`Not sent again: ${answer.errors?.[0]?.message ?? `the CMS answered ${response.status}`}`)
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
