import type { CollectionConfig } from 'payload'

import { canPublish } from '../../access/canPublish'
import { isStaff } from '../../access/isStaff'
import { rollbackEndpoint } from '../../publishing/rollback'
import { queueBuildAfterCreate } from '../../publishing/requestSiteBuild'

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
  hooks: { afterChange: [queueBuildAfterCreate] },
  endpoints: [rollbackEndpoint],
  fields: [
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      index: true,
      options: [
        { label: 'Queued', value: 'queued' },
        { label: 'Building', value: 'running' },
        { label: 'Live', value: 'live' },
        { label: 'Was live', value: 'previous' },
        { label: 'Failed', value: 'failed' },
      ],
      admin: { readOnly: true, position: 'sidebar' },
    },
    { name: 'reason', type: 'text', defaultValue: 'Rebuild requested in the admin', admin: { readOnly: true } },
    { name: 'requestedBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
    {
      name: 'changedPath',
      label: 'Changed page',
      type: 'text',
      admin: { readOnly: true, components: { Field: '/collections/SiteBuilds/ChangedPageLink#ChangedPageLink' } },
    },
    {
      name: 'rollback',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/collections/SiteBuilds/RollbackButton#RollbackButton' } },
    },
    { name: 'startedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'finishedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'durationMs', label: 'Duration (ms)', type: 'number', admin: { readOnly: true } },
    { name: 'pagesBuilt', type: 'number', admin: { readOnly: true } },
    {
      type: 'row',
      fields: [
        { name: 'routesRendered', label: 'Rendered', type: 'number', admin: { readOnly: true, description: 'Pages and feeds rendered afresh.' } },
        { name: 'routesReused', label: 'Reused', type: 'number', admin: { readOnly: true, description: 'Unchanged pages taken from the build before.' } },
      ],
    },
    { name: 'logTail', type: 'textarea', admin: { readOnly: true, description: 'The end of the build log.' } },
  ],
}
