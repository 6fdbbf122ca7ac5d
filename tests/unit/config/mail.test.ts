// SMTP_URL and MAIL_FROM come together or not at all; a malformed SMTP_URL is refused at boot with what to write instead.
import t from 'tap';
import { loadConfig } from '../../../server/config.ts';

t.test('no SMTP_URL: the install sends no mail', async (t) => {
  t.equal(loadConfig({}).mail, undefined);
});

t.test('SMTP_URL with MAIL_FROM: mail is on', async (t) => {
  t.same(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.org:465', MAIL_FROM: 'Academy <a@example.org>' }).mail, {
    smtpUrl: 'smtps://u:p@mail.example.org:465',
    from: 'Academy <a@example.org>',
  });
});

t.test('one without the other, or an address that is not smtp(s), is a configuration problem', async (t) => {
  t.throws(() => loadConfig({ SMTP_URL: 'smtp://mail.example.org' }), /MAIL_FROM must be set when SMTP_URL is/);
  t.throws(() => loadConfig({ MAIL_FROM: 'a@example.org' }), /MAIL_FROM is set but SMTP_URL is not/);
  t.throws(
    () => loadConfig({ SMTP_URL: 'mail.example.org:25', MAIL_FROM: 'a@example.org' }),
    /SMTP_URL must be an smtp:\/\/ or smtps:\/\/ address/,
  );
  t.throws(
    () => loadConfig({ SMTP_URL: 'http://mail.example.org', MAIL_FROM: 'a@example.org' }),
    /SMTP_URL must be an smtp/,
  );
});
