// The module page's tutorial video in Chromium: plays by keyboard with captions on, without any player
// library where the browser has HLS; with video.js (served by us) where it has not; watched time
// goes to the progress API; pages without a video load no player.
import t, { type Test } from 'tap';
import type { Page, Request } from 'playwright-core';
import { browserAvailable, checkA11y, launch, newContext, signUpInBrowser, startServer } from '../helpers/browser.ts';
import { contentBundle } from '../helpers/db.ts';
import { renderTinyTutorial, tempMediaDir } from '../helpers/media.ts';

if (browserAvailable(t)) {
  const mod = contentBundle().modules.find((m) => m.tutorialId)!;
  const unrendered = contentBundle().modules.find((m) => m.tutorialId && m.id !== mod.id)!;
  const mediaDir = tempMediaDir(t);
  await renderTinyTutorial(mediaDir, mod.tutorialId!, ['en']);
  const { baseURL } = await startServer(t, { mediaDir });
  const browser = await launch(t);

  /** Scripts the page loaded: URL and bytes on the wire (compressed). */
  function scriptLog(page: Page) {
    const scripts: { url: string; bytes: number }[] = [];
    page.on('requestfinished', async (req: Request) => {
      if (req.resourceType() !== 'script' || req.url().startsWith('blob:')) return; // blob: VHS's workers, made in the page
      const sizes = await req.sizes().catch(() => ({ responseBodySize: 0 }));
      // -1 (or less) when the service worker or the cache answered: nothing crossed the wire.
      scripts.push({ url: new URL(req.url()).pathname, bytes: Math.max(0, sizes.responseBodySize) });
    });
    return scripts;
  }
  async function waitFor(check: () => Promise<boolean>, ms = 10_000) {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 200)))
      if (await check()) return;
    throw new Error('condition not met in time');
  }
  const total = (list: { bytes: number }[]) => list.reduce((s, x) => s + x.bytes, 0);

  async function playByKeyboard(t: Test, page: Page) {
    await page.focus('video');
    await page.keyboard.press('Space');
    // Once in a CI run on a machine loaded by other work too, the key had not started playback after 10 s.
    await page.waitForFunction(() => !document.querySelector('video')!.paused, undefined, { timeout: 30_000 });
    // Two seconds of video: on a loaded 2-core machine fetching and decoding them can take much longer than two seconds.
    await page.waitForFunction(() => document.querySelector('video')!.currentTime > 2, undefined, { timeout: 60_000 });
    t.pass('the video plays and its time advances');
  }
  /** Captions are showing, and show the narration's sentence at the current time. */
  async function captionsShowing(t: Test, page: Page) {
    const track = await page.evaluate(() => {
      const tracks = [...document.querySelector('video')!.textTracks];
      const showing = tracks.find((x) => x.mode === 'showing');
      return {
        kinds: tracks.map((x) => `${x.kind}:${x.language}`),
        showing: showing?.language,
        cue: showing?.activeCues?.[0] ? (showing.activeCues[0] as VTTCue).text : null,
      };
    });
    t.ok(track.kinds.includes('captions:en'), `caption tracks ${track.kinds}`);
    t.equal(track.showing, 'en', 'English captions are on by default');
    t.match(track.cue ?? '', /Welcome|two scenes|learning city|mayor|partners/i, `a caption is shown: "${track.cue}"`);
  }

  t.test(
    'a learner plays the tutorial by keyboard, with captions; the page needs no player library; watched time is recorded',
    async (t) => {
      const context = await newContext(browser, baseURL);
      const page = await context.newPage();
      await signUpInBrowser(page, {
        name: 'Ana Video',
        email: 'ana.video@example.org',
        password: 'Watching-tutorials-2025',
      });

      const scripts = scriptLog(page);
      await page.goto(`/modules/${mod.id}`);
      await page.waitForLoadState('load');
      t.equal(
        await page.getAttribute('video', 'preload'),
        'none',
        'nothing is downloaded before the learner presses play',
      );
      t.ok(await page.getAttribute('video', 'poster'), 'a poster');
      t.match(await page.textContent('figcaption a[download]'), 'Download for offline');
      t.match(await page.textContent('figcaption'), /MP4, [\d.]+ MB/);
      t.ok(await page.locator('details summary', { hasText: 'Transcript' }).count(), 'the transcript is on the page');
      await checkA11y(t, page, 'module with its video');

      // Watched time reaches the progress API every 15 s while playing and on leaving the page (fetch with
      // keepalive on pagehide). The first lesson of the module, not opened yet, is not started before playing; on a
      // loaded machine the 15 s flush can come before the learner leaves, so the test checks the status only
      // before playing and after leaving.
      const firstLessonStatus = async () => {
        const course = await (await page.request.get('/api/courses/learning-city')).json();
        return course.modules.find((m: { id: string }) => m.id === mod.id).lessons[0].status;
      };
      t.equal(await firstLessonStatus(), 'not_started', 'not started before the learner plays');
      await playByKeyboard(t, page);
      await captionsShowing(t, page);
      await page.waitForFunction(() => document.querySelector('video')!.currentTime > 4);
      t.same(
        scripts.filter((s) => s.url.includes('video')),
        [],
        'Chromium plays HLS itself: video.js is not loaded',
      );
      t.comment(
        `JS on the module page with a video (native HLS): ${total(scripts)} bytes on the wire: ${JSON.stringify(scripts)}`,
      );

      await page.keyboard.press('Space'); // pause
      await page.waitForFunction(() => document.querySelector('video')!.paused);
      const pausedAt = await page.evaluate(() => Math.floor(document.querySelector('video')!.currentTime));
      await page.goto('/learning');
      await t.resolves(
        waitFor(async () => (await firstLessonStatus()) === 'in_progress'),
        'the watched time reached the progress API',
      );

      // Continue where you left off: the position where the learner paused came along (sent on leaving the page),
      // and the video reopens there.
      const resume = async () => (await (await page.request.get('/api/courses/learning-city')).json()).resume;
      await t.resolves(
        waitFor(async () => (await resume())?.positionSeconds === pausedAt),
        `the position where the learner paused (${pausedAt} s) is kept`,
      );
      const course = { resume: await resume() };
      t.equal(course.resume.lessonId, mod.lessonIds[0]);
      t.ok(course.resume.positionSeconds >= 4, `the position is kept (${course.resume.positionSeconds} s)`);
      await page.goto(`/modules/${mod.id}`);
      t.equal(Number(await page.getAttribute('video', 'data-resume')), course.resume.positionSeconds);
      await page.evaluate(() => document.querySelector('video')!.load());
      await page.waitForFunction(
        (s) => document.querySelector('video')!.currentTime >= s - 1,
        course.resume.positionSeconds,
      );
      t.pass('the video reopens at the saved position');
      await context.close();
    },
  );

  t.test(
    'without native HLS, video.js (served by us) plays the HLS ladder from the lowest rendition when data saver is on',
    async (t) => {
      const context = await newContext(browser, baseURL);
      await context.addInitScript(() => {
        const canPlay = HTMLMediaElement.prototype.canPlayType;
        HTMLMediaElement.prototype.canPlayType = function (type: string) {
          return /mpegurl/i.test(type) ? '' : canPlay.call(this, type);
        };
        Object.defineProperty(navigator, 'connection', { value: { saveData: true, effectiveType: '2g' } });
        (window as unknown as { cspViolations: string[] }).cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          (window as unknown as { cspViolations: string[] }).cspViolations.push(
            `${e.violatedDirective} ${e.blockedURI}`,
          ),
        );
      });
      const page = await context.newPage();
      const media: string[] = [];
      page.on('request', (r) => r.url().includes('/media/') && media.push(new URL(r.url()).pathname));
      const scripts = scriptLog(page);
      await page.goto(`/modules/${mod.id}`);
      await page.waitForSelector('.video-js.vjs-paused');
      t.ok(
        scripts.some((s) => s.url === '/vendor/video.js/video.min.js'),
        'video.js comes from this server',
      );
      await checkA11y(t, page, 'module with video.js');
      await playByKeyboard(t, page);
      await captionsShowing(t, page);
      const segments = media.filter((u) => u.endsWith('.ts'));
      t.match(segments[0], /\/240p\//, `the first segment is from the lowest rendition (${segments[0]})`);
      await page.waitForSelector('#tutorial-quality');
      t.same(
        await page.$$eval('#tutorial-quality option', (os) => os.map((o) => o.textContent)),
        ['Automatic', '240p', '360p', '720p'],
        'video.js: the quality menu lists the video renditions',
      );
      t.same(
        await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
        [],
        'no Content-Security-Policy violations',
      );
      t.comment(`JS on the module page with video.js: ${total(scripts)} bytes on the wire: ${JSON.stringify(scripts)}`);

      // In Indonesian, which video.js ships no translation for: the player's controls speak our own (web/player-lang/id.json).
      await context.addCookies([{ name: 'locale', value: 'id', url: baseURL }]);
      await page.goto(`/modules/${mod.id}`);
      await page.waitForSelector('.video-js.vjs-paused');
      t.equal(await page.getAttribute('html', 'lang'), 'id', 'the page is in Indonesian');
      t.ok(
        scripts.some((s) => s.url === '/vendor/video.js/lang/id.js'),
        'the Indonesian player translation is loaded',
      );
      // Before the video starts, the big play button is the player's only control; then the control bar shows.
      const button = (name: string) => page.locator('.video-js').getByRole('button', { name, exact: true });
      t.equal(await button('Putar video').count(), 1, 'the big play button is named in Indonesian ("Putar video")');
      await button('Putar video').click();
      await page.waitForSelector('.video-js.vjs-has-started.vjs-playing');
      t.equal(await button('Jeda').count(), 1, 'while playing, the play control is named in Indonesian ("Jeda")');
      t.equal(await button('Layar penuh').count(), 1, 'the full-screen control is named in Indonesian');
      t.equal(await button('Bisukan').count(), 1, 'the mute control is named in Indonesian');
      await page.waitForSelector('#tutorial-quality');
      t.equal(
        (await page.textContent('label[for="tutorial-quality"]'))?.trim(),
        'Kualitas',
        'the quality menu is labelled in Indonesian',
      );
      t.equal(await page.$eval('#tutorial-quality option', (o) => o.textContent), 'Otomatis');
      await button('Jeda').click();
      await page.waitForSelector('.video-js.vjs-paused');
      t.equal(await button('Putar').count(), 1, 'paused, the play control is named in Indonesian ("Putar")');
      const english = await page
        .locator('.video-js')
        .getByRole('button', { name: /^(Play|Pause|Mute|Fullscreen|Captions|Playback Rate)$/ })
        .count();
      t.equal(english, 0, 'no player control is named in English');
      await context.close();
    },
  );

  t.test(
    'a learner picks a quality from the menu by keyboard (native HLS); the lowest is preselected on a slow link',
    async (t) => {
      const context = await newContext(browser, baseURL);
      const page = await context.newPage();
      await page.goto(`/modules/${mod.id}`);
      await page.waitForSelector('#tutorial-quality');
      t.equal(await page.inputValue('#tutorial-quality'), 'auto', 'automatic by default');
      t.same(await page.$$eval('#tutorial-quality option', (os) => os.map((o) => o.textContent)), [
        'Automatic',
        '240p',
        '360p',
        '720p',
        'Sound only',
      ]);
      await checkA11y(t, page, 'module with the quality menu');
      await page.focus('#tutorial-quality');
      await page.keyboard.press('ArrowDown'); // 240p
      await page.waitForFunction(() =>
        /\/240p\/index\.m3u8$/.test(document.querySelector('video source')!.getAttribute('src')!),
      );
      // The switch reloads the video: the learner presses play on the reloaded player, once it knows the new
      // rendition (twice in full CI runs, a Space pressed while the reload had only begun did not start playback).
      await page.waitForFunction(() => document.querySelector('video')!.readyState >= 1, undefined, {
        timeout: 30_000,
      });
      await playByKeyboard(t, page);
      t.pass('the 240p rendition plays');

      const slow = await newContext(browser, baseURL);
      await slow.addInitScript(() => Object.defineProperty(navigator, 'connection', { value: { saveData: true } }));
      const saver = await slow.newPage();
      await saver.goto(`/modules/${mod.id}`);
      await saver.waitForSelector('#tutorial-quality');
      t.equal(
        await saver.$eval('#tutorial-quality', (s) => (s as HTMLSelectElement).selectedOptions[0].textContent),
        '240p',
        'data saver: the lowest rendition is chosen',
      );
      await slow.close();
      await context.close();
    },
  );

  t.test('pages without a video load no player script', async (t) => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    const scripts = scriptLog(page);
    for (const path of [`/modules/${unrendered.id}`, '/courses/learning-city', `/lessons/${mod.lessonIds[0]}`]) {
      await page.goto(path);
      await page.waitForLoadState('load');
    }
    t.equal(await page.locator('video').count(), 0);
    await page.goto(`/modules/${unrendered.id}`);
    t.match(
      await page.textContent('.notice'),
      'being prepared',
      'a tutorial not rendered yet says so, with its transcript below',
    );
    await checkA11y(t, page, 'module whose video is being prepared');
    t.same(
      scripts.filter((s) => /video|tutorial-player/.test(s.url)),
      [],
      'no video.js, no player script',
    );
    t.comment(`JS on pages without a video: ${total(scripts)} bytes: ${JSON.stringify(scripts)}`);
    await context.close();
  });
}
