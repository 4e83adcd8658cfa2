import path from 'node:path'
import { fileURLToPath } from 'node:url'

const cmsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Where uploads are kept when they are not in S3: MEDIA_DIR, or cms/media for local work. */
export const localMediaDir = () => process.env.MEDIA_DIR || path.join(cmsDir, 'media')

export type S3Settings = {
  bucket: string
  region: string
  /** For S3-compatible services (MinIO, Cloudflare R2, ...); AWS when unset. */
  endpoint?: string
  forcePathStyle: boolean
  /** Unset: the AWS SDK's own chain (instance role, AWS_* variables, ...). */
  credentials?: { accessKeyId: string; secretAccessKey: string }
}

/**
 * Media move to S3-compatible storage when S3_BUCKET is set; otherwise they stay on local disk.
 * Half-given settings refuse to start instead of writing uploads somewhere unexpected.
 */
export function s3Settings(): S3Settings | undefined {
  const env = process.env
  const given = Object.keys(env).filter((name) => name.startsWith('S3_') && env[name])
  if (!env.S3_BUCKET) {
    if (given.length) throw new Error(`${given.join(', ')} set but S3_BUCKET is not: set S3_BUCKET to store media in S3, or unset them.`)
    return undefined
  }
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
    throw new Error('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither to use the AWS default credentials.')
  }
  if (env.S3_ENDPOINT && !/^https?:$/.test(URL.parse(env.S3_ENDPOINT)?.protocol ?? '')) {
    throw new Error(`S3_ENDPOINT must be a URL such as https://s3.example.com, not ${JSON.stringify(env.S3_ENDPOINT)}.`)
  }
  return {
    bucket: env.S3_BUCKET,
    region: env.S3_REGION || 'us-east-1',
    endpoint: env.S3_ENDPOINT || undefined,
    // Most S3-compatible services address buckets by path; AWS by host name.
    forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === 'true' : Boolean(env.S3_ENDPOINT),
    credentials: env.S3_ACCESS_KEY_ID ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY! } : undefined,
  }
}
