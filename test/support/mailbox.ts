// A local SMTP server (smtp-server) that keeps what it receives, for tests of real mail delivery.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  /** The raw message as sent. */
  data: string;
  /** The header block, folded lines joined. */
  headers: string;
  /** The body with quoted-printable soft breaks and escapes undone (nodemailer wraps long lines). */
  body: string;
}

const decoded = (text: string) => text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex) => String.fromCharCode(parseInt(hex, 16)));

/** Listens on an ephemeral port; refuses the next `state.failures` messages with a temporary 451. */
export async function startMailbox() {
  const received: ReceivedMail[] = [];
  const state = { failures: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', () => {
        if (state.failures > 0) {
          state.failures--;
          return callback(Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 }));
        }
        const [headers, ...rest] = data.split(/\r\n\r\n/);
        received.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          data,
          headers: headers!.replace(/\r\n\s+/g, ' '),
          body: decoded(rest.join('\r\n\r\n')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
