import { APIError } from 'payload'

/**
 * A request refused for a reason the person should read (403 unless told otherwise): shown as
 * is over REST and GraphQL, and logged at info level like Payload's own Forbidden (see
 * `loggingLevels` in payload.config.ts), not as a server error with its stack.
 */
export class Refused extends APIError {
  constructor(message: string, status = 403) {
    super(message, status, undefined, true)
    // Set by hand: a minified build renames classes, and the log level is looked up by name.
    this.name = 'Refused'
  }
}
