import type { CollectionConfig } from 'payload'

import { canChangeMedia } from '../../access/canChangeMedia'
import { canPublish } from '../../access/canPublish'
import { isStaff } from '../../access/isStaff'
import { nobody } from '../../access/nobody'
import { publishedMediaOrStaff } from '../../access/publishedMediaOrStaff'
import { localMediaDir } from '../../config/media'
import { recheckUsersAfterMediaChange } from '../../checks/record'
import { afterMediaChange, afterMediaDelete } from '../../publishing/contentChanged'
import { serveVersionedFile } from './versionedFiles'
import { explainMediaInUse } from './explainMediaInUse'
import { MEDIA_TYPES, nameFileByType, refuseMisnamedFile } from './namedByType'

export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: 'Media file', plural: 'Media' },
  access: {
    read: publishedMediaOrStaff,
    create: isStaff,
    update: canChangeMedia,
    delete: canPublish,
  },
  admin: {
    group: 'Content',
    useAsTitle: 'alt',
    defaultColumns: ['filename', 'alt', 'mimeType', 'filesize', 'usedByPublished', 'updatedAt'],
    description:
      'Images and PDFs used on the site. Every file needs a description for people who cannot see it. A file that published content uses can be changed only by editors and admins.',
  },
  hooks: {
    beforeOperation: [explainMediaInUse, nameFileByType],
    beforeValidate: [refuseMisnamedFile],
    afterChange: [afterMediaChange, recheckUsersAfterMediaChange],
    afterDelete: [afterMediaDelete],
  },
  upload: {
    staticDir: localMediaDir(),
    handlers: [serveVersionedFile],
    mimeTypes: Object.keys(MEDIA_TYPES),
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
        description: 'What the image shows (read aloud by screen readers), or what the document is. Required.',
      },
    },
    { name: 'caption', type: 'text', maxLength: 300 },
    {
      // Kept by collections/Media/publishedUse.ts whenever published content changes.
      name: 'usedByPublished',
      label: 'Used by published content',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      access: { create: nobody, update: nobody },
      admin: {
        position: 'sidebar',
        readOnly: true,
        description:
          'Set by the system. While published content uses this file, it is public, and only editors and admins can change it: writers upload a new file and use that in their draft.',
      },
    },
  ],
}
