// Workshop form: a search box above the time-zone list narrows it to the zones whose country, city, name or id
// contain what was typed ("ho chi", "viet", "paris"), ignoring case and accents, and selects the first match when
// the selected zone is filtered out. Without JavaScript the box stays hidden and the list works as a plain select.
import { fill } from './lib/page.ts';

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
for (const input of document.querySelectorAll<HTMLInputElement>('input[data-zone-filter]')) {
  const select = document.getElementById(input.getAttribute('aria-controls') ?? '') as HTMLSelectElement | null;
  const status = document.getElementById(input.dataset.status ?? '');
  if (!select || !status) continue;
  const options = Array.from(select.options).map((option) => ({
    option,
    text: fold(`${option.textContent} ${option.value.replace(/_/g, ' ')}`),
  }));
  input.closest('[hidden]')?.removeAttribute('hidden');
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    const words = fold(input.value).split(/\s+/).filter(Boolean);
    let first: HTMLOptionElement | null = null;
    let count = 0;
    for (const { option, text } of options) {
      const match = words.every((w) => text.includes(w));
      option.hidden = !match;
      if (match) {
        count++;
        first ??= option;
      }
    }
    if (first && select.selectedOptions[0]?.hidden) first.selected = true;
    // Announced once the person pauses typing, not at every key.
    clearTimeout(timer);
    timer = setTimeout(() => {
      status.textContent = words.length ? fill(input.dataset.template ?? '', { count }) : '';
    }, 400);
  });
  // Enter in the search box must not submit the whole form.
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      select.focus();
    }
  });
}
