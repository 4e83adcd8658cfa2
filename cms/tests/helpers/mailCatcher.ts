import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/** A delivered message: its recipients, the name the sender greeted with (EHLO), and the message parsed. */
export type Mail = { to: string[]; hello: string; parsed: ParsedMail }

/**
 * A real SMTP server for tests that hands every message, parsed and as sent, to `deliver` (an
 * array's push, or a writer of .eml files). Messages are parsed and delivered before the server
 * answers 250, so a finished send means a delivered mail.
 */
export function mailCatcher(deliver: (mail: Mail, raw: Buffer) => unknown): SMTPServer {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks)
        simpleParser(raw)
          .then((parsed) => {
            deliver({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), hello: session.hostNameAppearsAs, parsed }, raw)
            callback()
          })
          .catch((error: Error) => callback(error))
      })
    },
  })
  // A sender that goes away mid-connection (a CMS stopped at the end of a test) is no failure here.
  server.on('error', () => {})
  return server
}
