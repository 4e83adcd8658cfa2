import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type'
import type { CollectionBeforeOperationHook, CollectionBeforeValidateHook } from 'payload'
import { ValidationError } from 'payload'

/** The types a media file may be, each with the extensions its name may end in (the first is given to one that ends otherwise). */
export const MEDIA_TYPES: Record<string, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/avif': ['avif'],
  'image/gif': ['gif'],
  'application/pdf': ['pdf'],
}

const extensionOf = (name: string) => (name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '')

/**
 * A file is named by what it is. Payload checks an upload's bytes against the allowed types but
 * keeps the name it came with, and web servers pick the type they send by the name: a PNG named
 * page.html went out as text/html, and whatever followed the image's end ran as a page of the
 * site. So the name's extension is replaced by the one of the type the bytes are, as Payload
 * itself detects it (file-type): page.html becomes page.png, as Payload names a file it converts.
 * Replaced, not appended (page.html.png): no part of the name may say HTML to a server that reads
 * every extension (Apache's mod_mime does). A name already right, photo.jpeg say, is kept.
 */
export const nameFileByType: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  const { file } = req
  if ((operation !== 'create' && operation !== 'update') || !file) return args
  const onDisk = file.tempFilePath && !file.data?.length
  const detected = onDisk ? await fileTypeFromFile(file.tempFilePath!) : await fileTypeFromBuffer(file.data)
  // Bytes of no type allowed (or of none known) are Payload's to refuse, with its own message.
  const extensions = detected && MEDIA_TYPES[detected.mime]
  if (!detected || !extensions) return args
  if (!extensions.includes(extensionOf(file.name))) {
    const base = file.name.includes('.') ? file.name.slice(0, file.name.lastIndexOf('.')) : file.name
    file.name = `${base || 'file'}.${extensions[0]}`
  }
  // What the bytes are, not what the browser guessed from the name (a .html file is sent as text/html).
  file.mimetype = detected.mime
  return args
}

/**
 * The same rule where no upload's bytes are at hand before Payload names the file: a file Payload
 * fetches itself (a `url` given instead of a file, or a duplicate of an older file) is refused
 * when its name does not end as its type's, before anything is written.
 */
export const refuseMisnamedFile: CollectionBeforeValidateHook = ({ collection, data, req }) => {
  const { filename, mimeType } = (data ?? {}) as { filename?: unknown; mimeType?: unknown }
  if (typeof filename !== 'string' || typeof mimeType !== 'string') return data
  const extensions = MEDIA_TYPES[mimeType]
  if (!extensions || extensions.includes(extensionOf(filename))) return data
  throw new ValidationError({
    collection: collection.slug,
    errors: [
      {
        path: 'file',
        message: `This file is a ${extensions[0]!.toUpperCase()} but its name, ${filename}, ends otherwise. Rename it to end in .${extensions[0]} and upload it again.`,
      },
    ],
    req,
  })
}
