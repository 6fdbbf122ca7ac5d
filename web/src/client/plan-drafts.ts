// Drafts of an action plan section, kept on the device (about 1 KB, no framework): what a member types is stored
// in localStorage field by field; a page opened later puts back what was not saved (and says so); a save made
// without a connection waits on the device and is sent when the connection returns. A field whose saved value
// already equals the draft drops the draft, so a successful save clears it.
import { signedInUser } from './lib/page.ts';

type Field = HTMLInputElement | HTMLTextAreaElement;

const form = document.querySelector<HTMLFormElement>('form[data-plan-drafts]');
if (form && window.localStorage) {
  // Per person too: on a shared laptop one member's unsaved text is not put back into another's form.
  const key = `lca-plan-${signedInUser()}-${form.getAttribute('data-plan-drafts')}`;
  const status = form.querySelector<HTMLElement>('[data-draft-status]');
  const say = (name: string) => {
    if (!status) return;
    status.textContent = form.getAttribute(`data-msg-${name}`) || '';
    status.hidden = !status.textContent;
  };
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(localStorage.getItem(key) || '{}');
    } catch {
      return {};
    }
  };
  const fields = () =>
    Array.from(form.elements).filter(
      (el): el is Field => 'name' in el && typeof el.name === 'string' && el.name.startsWith('f-'),
    );
  const wasOf = (el: Field) =>
    (form.elements.namedItem(`was-${el.name.slice(2)}`) as HTMLInputElement | null)?.value ?? '';
  const store = () => {
    const draft: Record<string, string> = {};
    for (const el of fields()) if (el.value !== wasOf(el)) draft[el.name] = el.value;
    if (Object.keys(draft).length) localStorage.setItem(key, JSON.stringify(draft));
    else localStorage.removeItem(key);
  };
  // Put back what was typed and not saved (a page the server answered with an error already shows it).
  const draft = read();
  let restored = false;
  for (const el of fields()) {
    if (!(el.name in draft) || draft[el.name] === wasOf(el)) continue;
    if (el.value === wasOf(el)) {
      el.value = draft[el.name];
      restored = true;
    }
  }
  store();
  if (restored) say('restored');
  form.addEventListener('input', store);
  let waiting = false;
  form.addEventListener('submit', (event) => {
    store();
    if (navigator.onLine) return;
    event.preventDefault();
    waiting = true;
    say('offline');
  });
  window.addEventListener('online', () => {
    if (!waiting) return;
    say('sending');
    // Requests made the instant the network changes can fail: wait a second, then post the form as usual.
    setTimeout(() => {
      waiting = false;
      form.submit();
    }, 1000);
  });
}
