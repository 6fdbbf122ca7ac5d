// A real SMTP server (the smtp-server package) on a free local port, keeping every message it receives, decoded
// enough for tests to read the subject, the text and the links in it.
import { SMTPServer } from 'smtp-server';

type Tap = { teardown: (fn: () => unknown) => void };
export type ReceivedMail = {
  to: string[];
  from: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
};

function decodeWords(value: string) {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*/g, (_all, _charset, how: string, data: string) =>
    how.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}

function decodeQuotedPrintable(data: string) {
  const bytes: number[] = [];
  const soft = data.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

export function parseMail(raw: string): Omit<ReceivedMail, 'to' | 'from'> {
  const split = raw.indexOf('\r\n\r\n');
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text = (
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body
  ).replace(/\r\n/g, '\n');
  return { subject: decodeWords(headers.subject ?? ''), text, headers };
}

export async function startSmtpServer(t: Tap) {
  const received: ReceivedMail[] = [];
  const waiting: Array<{ to: string; resolve: (m: ReceivedMail) => void }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail: ReceivedMail = {
          ...parseMail(Buffer.concat(chunks).toString('utf8')),
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        };
        received.push(mail);
        for (const w of waiting.filter((w) => mail.to.includes(w.to))) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(mail);
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Mail received for this address: the first one not yet taken, or the next to arrive. */
    mailFor(to: string): Promise<ReceivedMail> {
      const index = received.findIndex((m) => m.to.includes(to));
      if (index >= 0) return Promise.resolve(received.splice(index, 1)[0]);
      return new Promise((resolve, reject) => {
        // A guard so a missing mail fails the test with a message instead of hanging it (not a timing assertion).
        const timer = setTimeout(() => reject(new Error(`no mail arrived for ${to}`)), 30_000);
        waiting.push({
          to,
          resolve: (m) => (clearTimeout(timer), received.splice(received.indexOf(m), 1), resolve(m)),
        });
      });
    },
    mailsFor: (to: string) => received.filter((m) => m.to.includes(to)),
  };
}

/** The reset link in a mail, and its token. */
export function resetLinkIn(mail: ReceivedMail) {
  const link = mail.text.match(/https?:\/\/\S+\/signin\/reset\?token=[\w%-]+/)?.[0];
  if (!link) throw new Error(`no reset link in the mail:\n${mail.text}`);
  return { link, token: decodeURIComponent(new URL(link).searchParams.get('token')!) };
}
