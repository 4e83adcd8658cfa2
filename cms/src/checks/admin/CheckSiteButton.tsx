'use client'
import { Button, toast, useConfig } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { postAction } from '../../http/postAction'

/** On the site checks page: "Check the whole site now" (checks/checkSiteEndpoint.ts), then the report again. */
export function CheckSiteButton() {
  const { config } = useConfig()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [said, setSaid] = useState<string>()

  const check = async () => {
    setBusy(true)
    const answer = await postAction(`${config.serverURL}${config.routes.api}/checks/site`)
    setBusy(false)
    if (!answer.ok) {
      toast.error(`Not checked: ${answer.problem}`)
      return
    }
    setSaid(answer.message)
    router.refresh()
  }

  return (
    <div className="site-checks__run">
      <Button size="medium" margin={false} onClick={check} disabled={busy}>
        {busy ? 'Checking…' : 'Check the whole site now'}
      </Button>
      <p role="status">{said}</p>
    </div>
  )
}
