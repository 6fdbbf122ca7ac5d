// Progressive enhancement for the quiz form (about 1 KB instead of hydrating the page):
// answers are posted to the page's own "save" action as they are chosen, and kept on the device
// when the connection drops, then sent again when it returns or the page reloads.
import { AUTOSAVE_BACKOFF, backoffMs } from '../lib/offline/backoff.ts';

type Answers = [name: string, value: string][];

const form = document.querySelector<HTMLFormElement>('form[data-autosave]');
if (form && 'fetch' in window) {
  const status = form.querySelector('[data-save-status]');
  const key = `lca-quiz-${form.getAttribute('data-autosave')}`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const say = (state: string) => {
    if (status) status.textContent = form.getAttribute(`data-msg-${state}`) || '';
  };
  const entries = (): Answers => {
    const list: Answers = [];
    new FormData(form).forEach((value, name) => list.push([name, String(value)]));
    return list;
  };
  // Kept answers are tried again while the page is open, with the autosave backoff (a request made just as the
  // connection returns can fail; no "online" event follows it).
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  const sendKept = () => {
    const kept = localStorage.getItem(key);
    if (kept) send(JSON.parse(kept));
  };
  const send = (list: Answers) => {
    clearTimeout(retry);
    const body = new FormData();
    for (const [name, value] of list) body.append(name, value);
    say('saving');
    return fetch('?/save', { method: 'POST', body, headers: { 'x-sveltekit-action': 'true' } })
      .then((res) => res.json() as Promise<{ type: string }>)
      .then((result) => {
        if (result.type === 'success') {
          localStorage.removeItem(key);
          say('saved');
          failures = 0;
        } else say('invalid');
      })
      .catch(() => {
        say('offline');
        retry = setTimeout(sendKept, backoffMs(++failures, Math.random, AUTOSAVE_BACKOFF));
      });
  };
  form.addEventListener('change', () => {
    const list = entries();
    localStorage.setItem(key, JSON.stringify(list));
    clearTimeout(timer);
    timer = setTimeout(() => send(list), 400);
  });
  window.addEventListener('online', sendKept);

  // On a phone, one question per screen with Previous/Next; every question stays in the one form.
  const questions = Array.from(form.querySelectorAll('fieldset'));
  if (window.matchMedia?.('(max-width: 40em)').matches && questions.length > 1) {
    let current = 0;
    const actions = form.querySelector<HTMLElement>('.actions')!;
    const nav = document.createElement('div');
    nav.className = 'actions question-nav';
    const prev = document.createElement('button');
    const next = document.createElement('button');
    prev.type = next.type = 'button';
    prev.className = 'secondary';
    prev.textContent = form.getAttribute('data-msg-previous');
    next.textContent = form.getAttribute('data-msg-next');
    nav.append(prev, next);
    actions.parentNode!.insertBefore(nav, actions);
    const show = (i: number, focus: boolean) => {
      current = i;
      questions.forEach((q, n) => (q.hidden = n !== i));
      prev.hidden = i === 0;
      next.hidden = i === questions.length - 1;
      actions.hidden = i !== questions.length - 1;
      if (focus) questions[i].querySelector<HTMLElement>('input, select')?.focus();
    };
    prev.addEventListener('click', () => show(current - 1, true));
    next.addEventListener('click', () => show(current + 1, true));
    show(0, false);
  }

  const kept = localStorage.getItem(key);
  if (kept) {
    const list: Answers = JSON.parse(kept);
    form.querySelectorAll<HTMLInputElement>('input[type=radio], input[type=checkbox]').forEach((box) => {
      box.checked = list.some(([name, value]) => name === box.name && value === box.value);
    });
    for (const [name, value] of list) {
      const select = form.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
      if (select) select.value = value;
    }
    send(list);
  }
}
