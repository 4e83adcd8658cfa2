import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/** A delivered message: its recipients, the name the sender greeted with (EHLO), and the message parsed. */
export type Mail = { to: string[]; hello: string; parsed: ParsedMail }

/**
 * A real SMTP server for tests that puts every message, parsed, into `inbox`. Messages are parsed
 * before the server answers 250, so a finished send means a delivered, parsed mail.
 */
export function mailCatcher(inbox: Mail[]): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            inbox.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), hello: session.hostNameAppearsAs, parsed })
            callback()
          })
          .catch((error: Error) => callback(error))
      })
    },
  })
}
