// "Download for offline" on a module page, and the list of downloads (downloads page, offline page).
// The service worker does the storing; this script asks it (through /offline.js) and shows progress.
import { formatMegabytes } from '../lib/format-size.ts';
import type { OfflineRequest } from './lib/offline-channel.ts';
import { fill } from './lib/page.ts';
import type { OfflinePackageBody } from '../../../server/modules/offline/offline.schemas.ts';

type Media = Extract<OfflineRequest, { type: 'download' }>['media'];

const offline = window.lcaOffline;
const lang = document.documentElement.lang || 'en';
const size = (bytes: number) => formatMegabytes(bytes, lang, { fixed: true });
const msg = (el: Element, name: string) => el.getAttribute(`data-msg-${name}`) || '';

// ---- the module page ----
const box = document.querySelector<HTMLElement>('[data-download]');
if (box && offline) {
  const moduleId = box.getAttribute('data-download')!;
  const locale = box.getAttribute('data-locale')!;
  const start = box.querySelector<HTMLButtonElement>('[data-download-start]')!;
  const remove = box.querySelector<HTMLButtonElement>('[data-download-remove]')!;
  const progress = box.querySelector<HTMLProgressElement>('[data-download-progress]')!;
  const status = box.querySelector<HTMLElement>('[data-download-status]')!;
  const checked = () => box.querySelector<HTMLInputElement>('input[name="offline-media"]:checked');
  const stored = (record: { bytes: number }) => {
    status.textContent = fill(msg(box, 'done'), { size: size(record.bytes) });
    start.textContent = msg(box, 'again');
    remove.hidden = false;
  };
  box.hidden = false;
  fetch(`/api/modules/${encodeURIComponent(moduleId)}/offline?locale=${encodeURIComponent(locale)}`, {
    credentials: 'same-origin',
  })
    .then((res) => (res.ok ? (res.json() as Promise<OfflinePackageBody>) : null))
    .then((pkg) => {
      if (!pkg) return;
      const sum = (list: { bytes: number }[]) => list.reduce((s, f) => s + f.bytes, 0);
      const pages = sum(pkg.pages);
      const sizes: Record<Media, number | 0 | null | undefined> = {
        none: pages,
        video: pkg.video && pages + sum(pkg.assets) + pkg.video.bytes,
        audio: pkg.audio && pages + sum(pkg.assets) + pkg.audio.bytes,
      };
      for (const kind of ['video', 'audio', 'none'] as const) {
        const row = box.querySelector<HTMLElement>(`[data-media-choice="${kind}"]`)!;
        const bytes = sizes[kind];
        if (!bytes) {
          row.hidden = true;
          row.querySelector('input')!.checked = false;
          continue;
        }
        row.querySelector('[data-size]')!.textContent = `(${size(bytes)})`;
      }
      if (!checked()) box.querySelector<HTMLInputElement>('#offline-none')!.checked = true;
    })
    .catch(() => {});
  offline.ask({ type: 'downloads' }, (reply) => {
    if (reply.type === 'downloads') for (const d of reply.downloads) if (d.moduleId === moduleId) stored(d);
  });
  start.addEventListener('click', () => {
    start.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    const media = (checked()?.value ?? 'none') as Media;
    offline.ask({ type: 'download', moduleId, locale, media }, (reply) => {
      if (reply.type === 'progress') {
        progress.value = Math.round((100 * reply.done) / Math.max(1, reply.total));
        status.textContent = fill(msg(box, 'running'), { done: size(reply.done), total: size(reply.total) });
        return;
      }
      start.disabled = false;
      progress.hidden = true;
      if (reply.type === 'done') stored(reply.record);
      else status.textContent = msg(box, 'failed');
    });
  });
  remove.addEventListener('click', () => {
    offline.ask({ type: 'remove', moduleId }, () => {
      remove.hidden = true;
      status.textContent = msg(box, 'removed');
      start.focus();
    });
  });
}

// ---- the list of downloads ----
const list = document.querySelector<HTMLElement>('[data-download-list]');
const empty = document.querySelector<HTMLElement>('[data-downloads-empty]');
const estimate = document.querySelector<HTMLElement>('[data-storage-estimate]');
const showEstimate = () => {
  if (!estimate || !navigator.storage?.estimate) return;
  navigator.storage.estimate().then((e) => {
    estimate.textContent = fill(estimate.getAttribute('data-msg') || '', {
      used: size(e.usage || 0),
      quota: size(e.quota || 0),
    });
  });
};
const render = (ask: NonNullable<typeof offline>['ask'], list: HTMLElement) => {
  ask({ type: 'downloads' }, (reply) => {
    const downloads = reply.type === 'downloads' ? reply.downloads : [];
    list.textContent = '';
    if (empty) empty.hidden = downloads.length > 0;
    const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
    for (const d of downloads) {
      const li = document.createElement('li');
      const text = document.createElement('span');
      const link = document.createElement('a');
      link.href = d.firstPage;
      link.textContent = d.title;
      link.lang = d.locale;
      text.appendChild(link);
      text.appendChild(
        document.createTextNode(
          ` · ${msg(list, d.media)} · ${fill(msg(list, 'item'), { size: size(d.bytes), date: dates.format(new Date(d.savedAt)) })}`,
        ),
      );
      li.appendChild(text);
      if (!list.hasAttribute('data-readonly')) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'secondary';
        button.textContent = fill(msg(list, 'remove'), { title: d.title });
        button.addEventListener('click', () =>
          ask({ type: 'remove', moduleId: d.moduleId }, () => {
            render(ask, list);
            showEstimate();
          }),
        );
        li.appendChild(button);
      }
      list.appendChild(li);
    }
  });
};
if (list && offline) {
  render(offline.ask, list);
  showEstimate();
}
