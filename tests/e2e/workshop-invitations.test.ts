// A participant list naming an existing account invites its owner: the invitation is on their "My learning" page,
// they accept it without JavaScript, and only then are they on the workshop's dashboard. axe-core on each page.
import t from 'tap';
import { GOOD_PASSWORD, signUp, userWithRole } from '../helpers/app.ts';
import { browserAvailable, checkA11y, launch, newContext, startServer, submitWith } from '../helpers/browser.ts';
import { newWorkshop } from '../helpers/workshops.ts';

if (browserAvailable(t)) {
  const { app, baseURL } = await startServer(t);
  const browser = await launch(t);

  t.test(
    'an existing account in a list is invited; without JavaScript its owner accepts on My learning and only then is on the dashboard',
    async (t) => {
      const facilitator = await userWithRole(app, 'facilitator', {
        name: 'Chenda Facilitator',
        email: 'chenda.f@example.org',
      });
      const w = await newWorkshop(app, facilitator, { title: 'Battambang learning city team' });
      const invited = await signUp(app, { name: 'Sophal Invited', email: 'sophal@example.org' });
      const imported = await app.inject({
        method: 'POST',
        url: `/api/workshops/${w.id}/participants/import`,
        headers: { cookie: facilitator.cookie },
        payload: { csv: 'name,email\nSophal,sophal@example.org\n' },
      });
      t.equal(imported.statusCode, 201, imported.body);
      const dashboard = async () =>
        (
          await app.inject({
            method: 'GET',
            url: `/api/workshops/${w.id}/dashboard`,
            headers: { cookie: facilitator.cookie },
          })
        ).json();
      t.equal((await dashboard()).participantCount, 0, 'not on the dashboard before accepting');

      // axe-core needs JavaScript: the page with the invitation is checked in a context with it.
      const checker = await (await newContext(browser, baseURL)).newPage();
      await checker.goto('/signin');
      await checker.fill('#field-login', invited.email);
      await checker.fill('#field-password', GOOD_PASSWORD);
      await submitWith(checker, '#field-password', '**/learning');
      t.match(await checker.textContent('#invitations-heading'), 'Workshop invitations');
      await checkA11y(t, checker, 'My learning with an invitation');

      const context = await newContext(browser, baseURL, { javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto('/signin');
      await page.fill('#field-login', invited.email);
      await page.fill('#field-password', GOOD_PASSWORD);
      await submitWith(page, '#field-password', '**/learning');
      const card = page.locator('section.card:has(#invitation-' + w.id + ')');
      t.match(await card.textContent(), 'Battambang learning city team', 'the invitation names the workshop');
      t.match(await card.textContent(), 'Facilitators: Chenda Facilitator', 'and its facilitator');
      t.notMatch(await page.textContent('#my-workshops-heading + *'), 'Battambang', 'not among my workshops yet');
      await page.focus('button[aria-label="Accept the invitation to Battambang learning city team"]');
      await Promise.all([page.waitForURL('**/learning?invitation=accepted'), page.keyboard.press('Enter')]);
      t.match(await page.textContent('[role=status]'), 'You joined the workshop');
      t.equal(await page.locator('#invitations-heading').count(), 0, 'no invitation left');
      t.match(
        await page.textContent('section[aria-labelledby="my-workshops-heading"]'),
        'Battambang learning city team',
        'now among my workshops',
      );
      t.same(
        (await dashboard()).participants.map((p: { userId: string }) => p.userId),
        [invited.id],
        'on the dashboard after accepting',
      );

      await checker.goto('/learning?invitation=accepted');
      await checkA11y(t, checker, 'My learning after accepting');
      await context.close();
    },
  );
}
