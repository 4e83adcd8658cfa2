import type { CollectionConfig } from 'payload'

import { canPublish } from '../../access/canPublish'
import { isStaff } from '../../access/isStaff'
import { nobody } from '../../access/nobody'
import { rollbackEndpoint, rollbackPreviewEndpoint } from '../../publishing/rollback'
import { queueBuildAfterCreate } from '../../publishing/requestSiteBuild'
import { recordRequester } from './recordRequester'

/** A build's record is an audit trail: only the system writes it (with overrideAccess). */
const systemOnly = { create: nobody, update: nobody }

export const SiteBuilds: CollectionConfig = {
  slug: 'site-builds',
  labels: { singular: 'Site build', plural: 'Site builds' },
  access: {
    read: isStaff,
    // "Rebuild now": an editor or admin creates a build by hand.
    create: canPublish,
    update: () => false,
    delete: () => false,
  },
  defaultSort: '-createdAt',
  admin: {
    group: 'Settings',
    useAsTitle: 'reason',
    defaultColumns: ['createdAt', 'status', 'reason', 'requestedBy', 'durationMs', 'pagesBuilt', 'routesRendered'],
    description: 'Every build of the public site: what started it, how it went, and which one is live.',
    components: { beforeListTable: ['/collections/SiteBuilds/RebuildNowButton#RebuildNowButton'] },
  },
  hooks: { beforeChange: [recordRequester], afterChange: [queueBuildAfterCreate] },
  endpoints: [rollbackPreviewEndpoint, rollbackEndpoint],
  fields: [
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      index: true,
      access: systemOnly,
      options: [
        { label: 'Queued', value: 'queued' },
        { label: 'Building', value: 'running' },
        { label: 'Live', value: 'live' },
        { label: 'Was live', value: 'previous' },
        { label: 'Failed', value: 'failed' },
      ],
      admin: { readOnly: true, position: 'sidebar' },
    },
    { name: 'reason', type: 'text', defaultValue: 'Rebuild requested in the admin', access: systemOnly, admin: { readOnly: true } },
    { name: 'requestedBy', type: 'relationship', relationTo: 'users', access: systemOnly, admin: { readOnly: true } },
    {
      name: 'changedPath',
      label: 'Changed page',
      type: 'text',
      access: systemOnly,
      admin: { readOnly: true, components: { Field: '/collections/SiteBuilds/ChangedPageLink#ChangedPageLink' } },
    },
    {
      name: 'rollback',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/collections/SiteBuilds/RollbackButton#RollbackButton' } },
    },
    // Set when an editor made this build live again (a rollback): the desk says who and when.
    {
      name: 'rolledBackBy',
      label: 'Made live again by',
      type: 'relationship',
      relationTo: 'users',
      access: systemOnly,
      admin: { readOnly: true, position: 'sidebar', condition: (data) => Boolean(data?.rolledBackAt) },
    },
    {
      name: 'rolledBackAt',
      label: 'Made live again at',
      type: 'date',
      access: systemOnly,
      admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' }, condition: (data) => Boolean(data?.rolledBackAt) },
    },
    { name: 'startedAt', type: 'date', access: systemOnly, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'finishedAt', type: 'date', access: systemOnly, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'durationMs', label: 'Duration (ms)', type: 'number', access: systemOnly, admin: { readOnly: true } },
    { name: 'pagesBuilt', type: 'number', access: systemOnly, admin: { readOnly: true } },
    {
      type: 'row',
      fields: [
        {
          name: 'routesRendered',
          label: 'Rendered',
          type: 'number',
          access: systemOnly,
          admin: { readOnly: true, description: 'Pages and feeds rendered afresh.' },
        },
        {
          name: 'routesReused',
          label: 'Reused',
          type: 'number',
          access: systemOnly,
          admin: { readOnly: true, description: 'Unchanged pages taken from the build before.' },
        },
      ],
    },
    { name: 'logTail', type: 'textarea', access: systemOnly, admin: { readOnly: true, description: 'The end of the build log.' } },
  ],
}
