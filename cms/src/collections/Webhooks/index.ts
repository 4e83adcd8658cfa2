import { randomBytes } from 'node:crypto'
import type { CollectionBeforeChangeHook, CollectionConfig, TextFieldSingleValidation } from 'payload'

import { isAdmin } from '../../access/isAdmin'
import { webhookHealthEndpoint, webhookTestEndpoint } from './healthEndpoints'

/** A new signing secret, shown to the admin to paste into the receiving tool. */
const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`

const giveSecret: CollectionBeforeChangeHook = ({ data, operation }) => (operation === 'create' ? { ...data, secret: newSecret() } : data)

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/** https, or http to this machine only (a receiver beside the CMS): subscribers' addresses travel in the body. */
export const validateWebhookUrl: TextFieldSingleValidation = (value) => {
  let url: URL
  try {
    url = new URL(String(value ?? ''))
  } catch {
    return 'Enter the full address the mailing tool gave you, starting with https://.'
  }
  if (url.protocol === 'https:') return true
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return true
  return 'Use an https:// address: subscribers’ addresses travel in each call. (http:// is accepted only for this machine: localhost or 127.0.0.1.)'
}

/**
 * Where the CMS tells the organization's mailing tool (Action Network, Mailchimp, listmonk, …)
 * that someone confirmed, unsubscribed or was erased: signed calls, delivered by the job runner
 * (newsletter/webhooks.ts) and logged under Webhook deliveries. Admins only.
 */
export const Webhooks: CollectionConfig = {
  slug: 'webhooks',
  labels: { singular: 'Webhook', plural: 'Webhooks' },
  lockDocuments: false,
  access: { read: isAdmin, create: isAdmin, update: isAdmin, delete: isAdmin },
  admin: {
    group: 'Newsletter',
    useAsTitle: 'name',
    defaultColumns: ['name', 'url', 'active', 'onConfirm', 'onUnsubscribe', 'onErase'],
    description:
      'Tell your mailing tool at once when someone confirms, unsubscribes or is erased. Each call is a signed JSON POST; failed calls are retried, in order for each person, until they succeed.',
  },
  hooks: { beforeChange: [giveSecret] },
  endpoints: [webhookHealthEndpoint, webhookTestEndpoint],
  fields: [
    {
      name: 'health',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/collections/Webhooks/WebhookHealth#WebhookHealth' } },
    },
    { name: 'name', type: 'text', required: true, admin: { description: 'Which tool this is, e.g. "Action Network".' } },
    { name: 'url', label: 'Address', type: 'text', required: true, validate: validateWebhookUrl, admin: { placeholder: 'https://' } },
    {
      type: 'row',
      fields: [
        { name: 'onConfirm', label: 'Someone confirms', type: 'checkbox', defaultValue: true },
        { name: 'onUnsubscribe', label: 'Someone unsubscribes', type: 'checkbox', defaultValue: true },
        { name: 'onErase', label: 'Someone is erased', type: 'checkbox', defaultValue: true },
      ],
    },
    { name: 'active', type: 'checkbox', defaultValue: true, admin: { description: 'Off: nothing new is sent; calls already waiting keep waiting.' } },
    {
      name: 'secret',
      label: 'Signing secret',
      type: 'text',
      // Made by giveSecret, never sent in: a caller cannot choose the secret its calls are signed with.
      access: { create: () => false, update: () => false },
      admin: {
        readOnly: true,
        description:
          'Made when the webhook is saved. Each call carries the header Wire-Signature: t=<unix time>,v1=<HMAC-SHA256 of "<t>.<body>" with this secret, in hex>. Check it, and that t is recent, before trusting a call.',
      },
    },
  ],
  timestamps: true,
}
