import type { CollectionConfig } from 'payload'

import { anyone } from '../../access/anyone'
import { canPublish } from '../../access/canPublish'
import { isStaff } from '../../access/isStaff'
import { localMediaDir } from '../../config/media'
import { afterMediaChange, afterMediaDelete } from '../../publishing/contentChanged'
import { serveVersionedFile } from './versionedFiles'

export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: 'Media file', plural: 'Media' },
  access: {
    read: anyone,
    create: isStaff,
    update: isStaff,
    delete: canPublish,
  },
  hooks: { afterChange: [afterMediaChange], afterDelete: [afterMediaDelete] },
  admin: {
    group: 'Content',
    useAsTitle: 'alt',
    defaultColumns: ['filename', 'alt', 'mimeType', 'filesize', 'updatedAt'],
    description: 'Images and PDFs used on the site. Every file needs a description for people who cannot see it.',
  },
  upload: {
    staticDir: localMediaDir(),
    handlers: [serveVersionedFile],
    mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'application/pdf'],
    imageSizes: [{ name: 'thumbnail', width: 400 }],
    adminThumbnail: 'thumbnail',
    focalPoint: true,
  },
  fields: [
    {
      name: 'alt',
      label: 'Alternative text',
      type: 'text',
      required: true,
      maxLength: 300,
      admin: {
        description:
          'What the image shows (read aloud by screen readers), or what the document is. Required.',
      },
    },
    { name: 'caption', type: 'text', maxLength: 300 },
  ],
}
