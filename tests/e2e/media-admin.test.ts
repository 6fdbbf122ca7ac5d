// The admin media page in Chromium: upload a video without JavaScript (the form posts straight to the API,
// which redirects back), watch its status, attach captions (broken ones are explained line by line), see it
// replace the tutorial on the module page, delete it. axe-core on every page; learners are refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { browserAvailable, checkA11y, launch, newContext, startServer } from '../helpers/browser.ts';
import { userWithRole } from '../helpers/app.ts';
import { contentBundle } from '../helpers/db.ts';
import { tempMediaDir } from '../helpers/media.ts';
import { makeVideo } from '../helpers/videos.ts';
import { workOnce } from '../../server/jobs/queue.ts';
import { MEDIA_TRANSCODE_JOB, transcodeUpload } from '../../server/modules/media/uploads/transcode.ts';

if (browserAvailable(t)) {
  const mod = contentBundle().modules.find((m) => m.tutorialId)!;
  const mediaDir = tempMediaDir(t);
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-e2e-media-'));
  t.teardown(() => fs.rmSync(files, { recursive: true, force: true }));
  const video = await makeVideo(files, 'city-walk.mp4', { seconds: 3, size: '320x180', faststart: true });
  const notVideo = path.join(files, 'minutes.mp4');
  fs.writeFileSync(notVideo, 'Minutes of the meeting\n'.repeat(40));
  const goodSrt = path.join(files, 'city-walk.en.srt');
  fs.writeFileSync(
    goodSrt,
    '1\n00:00:00,200 --> 00:00:01,200\nA walk through the learning city.\n\n2\n00:00:01,300 --> 00:00:02,800\nEveryone learns here.\n',
  );
  const badSrt = path.join(files, 'broken.srt');
  fs.writeFileSync(badSrt, '1\n00:00:02,000 --> 00:00:01,000\nBackwards.\n');

  const { app, baseURL } = await startServer(t, { mediaDir });
  const browser = await launch(t);
  const admin = await userWithRole(app, 'admin');
  const asUser = async (cookie: string, opts = {}) => {
    const context = await newContext(browser, baseURL, opts);
    await context.addCookies([{ name: 'lca_session', value: cookie.split('=')[1], url: baseURL }]);
    t.teardown(() => context.close());
    return context.newPage();
  };
  const runTranscode = () =>
    workOnce(app.database.db, {
      kinds: [MEDIA_TRANSCODE_JOB],
      handler: (job, ctx) => transcodeUpload(app.database.db, mediaDir, job, ctx),
      log: { info() {}, warn() {}, error() {} },
    });

  t.test(
    'admin uploads a video and its captions without JavaScript, sees its progress, and learners get it',
    async (t) => {
      const page = await asUser(admin.cookie, { javaScriptEnabled: false });
      await page.goto('/admin/media');
      t.match(await page.textContent('main'), 'No videos uploaded yet.');
      await page.selectOption('#field-tutorial', mod.tutorialId!);
      await page.fill('#field-title', 'A walk through our city');
      await page.setInputFiles('#field-file', notVideo);
      await Promise.all([page.waitForURL(/error=media\.not_a_video/), page.click('button:has-text("Upload")')]);
      t.match(
        await page.textContent('[role=alert]'),
        'This file is not a video we can use. Upload an MP4, WebM, MOV or MKV video.',
      );
      t.match(await page.textContent('main'), 'No videos uploaded yet.', 'nothing was kept');

      await page.selectOption('#field-tutorial', mod.tutorialId!);
      await page.fill('#field-title', 'A walk through our city');
      await page.setInputFiles('#field-file', video);
      await Promise.all([page.waitForURL(/uploaded=/), page.click('button:has-text("Upload")')]);
      t.match(await page.textContent('[role=status]'), 'The video was uploaded. It is being converted for streaming.');
      t.match(await page.textContent('.uploads'), /A walk through our city[\s\S]*Converting: 0 %/);

      await runTranscode();
      await Promise.all([page.waitForURL('**/admin/media'), page.click('a:has-text("Refresh the progress")')]);
      t.match(await page.textContent('.uploads'), 'Ready: learners can watch it');

      await page.setInputFiles('input[name=file][accept=".vtt,.srt,text/vtt"]', badSrt);
      await Promise.all([
        page.waitForURL(/error=media\.captions_invalid/),
        page.click('button:has-text("Add captions")'),
      ]);
      t.match(await page.textContent('[role=alert]'), 'The captions file has mistakes in its timing or text.');
      t.match(await page.textContent('.alert code'), '2: the cue ends before it starts');

      await page.setInputFiles('input[name=file][accept=".vtt,.srt,text/vtt"]', goodSrt);
      await Promise.all([page.waitForURL(/captioned=/), page.click('button:has-text("Add captions")')]);
      t.match(await page.textContent('[role=status]'), 'The captions were added.');
      t.match(await page.textContent('.uploads'), 'English: 2 cues');

      const learner = await userWithRole(app, 'learner');
      const lp = await asUser(learner.cookie);
      await lp.goto(`/modules/${mod.id}`);
      t.match(
        await lp.getAttribute('video', 'poster'),
        /^\/media\/uploads\/[0-9a-f-]{36}\/out-[0-9a-f]{16}\/poster\.jpg$/,
        'the uploaded video replaces the tutorial',
      );
      t.match(await lp.getAttribute('video', 'aria-label'), 'A walk through our city');
      t.equal(await lp.locator('video track[srclang=en]').count(), 1, 'with its captions');
      await checkA11y(t, lp, 'module page with an uploaded video');
    },
  );

  t.test('the admin media page is accessible with JavaScript on, and admin deletes the video', async (t) => {
    const page = await asUser(admin.cookie);
    await page.goto('/admin/media');
    await checkA11y(t, page, 'admin media page with an upload');
    await page.goto('/admin/media?error=media.captions_invalid&lines=2%3A%20the%20cue%20ends%20before%20it%20starts');
    await checkA11y(t, page, 'admin media page showing caption problems');
    await page.focus('button:has-text("Delete")');
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')]);
    await page.waitForSelector('text=The video was deleted.');
    t.match(await page.textContent('main'), 'No videos uploaded yet.');
    t.same(fs.readdirSync(path.join(mediaDir, 'uploads')), [], 'its files are gone');
  });

  t.test(
    'anonymous visitors are sent to sign in; learners and facilitators cannot open the admin media page (403)',
    async (t) => {
      const context = await newContext(browser, baseURL);
      t.teardown(() => context.close());
      const anonymous = await context.newPage();
      await anonymous.goto('/admin/media');
      t.match(anonymous.url(), /\/signin\?redirectTo=%2Fadmin%2Fmedia$/);
      for (const role of ['learner', 'facilitator'] as const) {
        const person = await userWithRole(app, role);
        const page = await asUser(person.cookie);
        const res = await page.goto('/admin/media');
        t.equal(res?.status(), 403, role);
      }
    },
  );
}
