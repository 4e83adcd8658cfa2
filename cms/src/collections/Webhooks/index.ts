import type { CollectionBeforeChangeHook, CollectionConfig, FieldHook, TextFieldSingleValidation } from 'payload'

import { isAdmin } from '../../access/isAdmin'
import { hasRole } from '../../access/roles'
import { isSealed, newWebhookSecret, openWebhookSecret, sealWebhookSecret } from '../../newsletter/webhookSecrets'
import { webhookHealthEndpoint, webhookTestEndpoint } from './healthEndpoints'

/** A secret on creation, and a new one when an admin ticks "Issue a new signing secret". */
const giveSecret: CollectionBeforeChangeHook = ({ data, operation }) => {
  const { issueNewSecret, ...rest } = data as { issueNewSecret?: boolean }
  return operation === 'create' || issueNewSecret === true ? { ...rest, secret: newWebhookSecret() } : rest
}

/**
 * Whatever secret is about to be written is sealed first (newsletter/webhookSecrets.ts): the new
 * one, and the one an update carries over from the document as read, opened.
 */
const sealOnWrite: FieldHook = ({ value, req }) => (typeof value === 'string' && !isSealed(value) ? sealWebhookSecret(value, req.payload.config.secret) : value)

/**
 * Opened for admins (and the server's own reads) only. One that cannot be opened (PAYLOAD_SECRET
 * changed) stays as stored, so saving the webhook keeps it for a server that still has the key.
 */
const openForAdmins: FieldHook = ({ value, req, overrideAccess }) => {
  if (!isSealed(value) || !(overrideAccess || hasRole(req.user, 'admin'))) return value
  try {
    return openWebhookSecret(value, req.payload.config.secret)
  } catch {
    return value
  }
}

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
      hooks: { beforeChange: [sealOnWrite], afterRead: [openForAdmins] },
      admin: {
        readOnly: true,
        description:
          'Made when the webhook is saved. Each call carries the header Wire-Signature: t=<unix time>,v1=<HMAC-SHA256 of "<t>.<body>" with this secret, in hex>. Check it, and that t is recent, before trusting a call. Kept sealed in the database. If it shows as "sealed:…", the CMS can no longer read it (its PAYLOAD_SECRET changed): issue a new one.',
      },
    },
    {
      name: 'issueNewSecret',
      label: 'Issue a new signing secret',
      type: 'checkbox',
      virtual: true,
      admin: {
        description:
          'Tick and save to replace the secret: when it may have leaked, or the CMS can no longer read it. Calls are signed with the new one from then on: set it in the mailing tool too.',
      },
    },
  ],
  timestamps: true,
}
