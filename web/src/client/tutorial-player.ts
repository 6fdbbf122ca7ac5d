// Progressive enhancement for the tutorial video; the page plays it without JavaScript (MP4, captions).
// (a) Where the browser has no HLS of its own, loads video.js with its HLS support (served by us, after
//     the page has loaded) and plays the adaptive HLS ladder; on a slow link or with data saver on, the
//     lowest rendition comes first (native HLS: the lowest rendition's playlist is played instead).
// (c) A quality menu under the video: automatic, or one rendition (240p, 360p, 720p, audio only).
// (b) For a signed-in learner, sends the watched time ranges as progress events every 15 s and when
//     the page is left, so the progress service can count the video as watched.
import { canSendProgress, postProgressEvents, type ProgressEventInput } from './lib/progress-events.ts';

type Level = { bandwidth: number; height: number; uri: string };
type Range = [number, number];
/** The few video.js calls made here (video.js is loaded as a plain script, from /vendor/video.js/). */
type Player = {
  src(source: { src: string; type: string }): void;
  one(event: string, listener: () => void): void;
  tech(opts: { IWillNotUseThisInPlugins: true }): {
    vhs?: { representations?(): { height: number; enabled(on: boolean): void }[] };
  };
  currentTime(seconds: number): void;
  play(): void;
};
declare global {
  interface Window {
    videojs?: (el: HTMLVideoElement, options: object) => Player;
    VIDEOJS_NO_DYNAMIC_STYLE?: boolean;
  }
  interface Navigator {
    connection?: { saveData?: boolean; effectiveType?: string };
  }
}

const VENDOR = '/vendor/video.js/';
const HLS_TYPE = 'application/vnd.apple.mpegurl';
const video = document.querySelector<HTMLVideoElement>('video[data-tutorial]');
if (video) enhance(video);

function enhance(video: HTMLVideoElement) {
  const hls = video.getAttribute('data-hls');
  const connection = navigator.connection ?? {};
  const slow =
    video.hasAttribute('data-saver') ||
    !!connection.saveData ||
    connection.effectiveType === '2g' ||
    connection.effectiveType === 'slow-2g';

  // ---- (b) watched ranges -> POST /api/progress/events ----
  const lessonId = video.getAttribute('data-lesson');
  if (lessonId && canSendProgress()) {
    let ranges: Range[] = []; // not yet sent
    let current: Range | null = null; // the range being watched now
    let lastTime = 0;
    let stopped = false;
    const closeRange = () => {
      if (current && current[1] - current[0] >= 0.5) ranges.push([current[0], current[1]]);
      current = null;
    };
    video.addEventListener('timeupdate', () => {
      const t = Math.round(video.currentTime * 10) / 10;
      if (video.paused || video.seeking) return;
      // A jump (seek, stall recovery) starts a new range; normal play moves by well under 2 s.
      if (current && t >= current[1] && t - lastTime < 2) current[1] = t;
      else {
        closeRange();
        current = [t, t];
      }
      lastTime = t;
    });
    for (const type of ['pause', 'seeking', 'ended']) video.addEventListener(type, closeRange);

    let lastPosition = 0;
    const flush = (leaving: boolean) => {
      if (stopped) return;
      if (current && current[1] - current[0] >= 0.5) {
        ranges.push([current[0], current[1]]);
        current = [current[1], current[1]];
      }
      const position = Math.floor(video.currentTime || 0);
      const moved = position > 0 && position !== lastPosition;
      if (!ranges.length && !moved) return;
      const batch = ranges.splice(0, 200);
      const at = new Date().toISOString();
      const events: ProgressEventInput[] = [];
      if (batch.length) events.push({ id: crypto.randomUUID(), type: 'video.watched', lessonId, at, ranges: batch });
      // The position lets "Continue where you left off" reopen the video here, on any device.
      if (moved) {
        events.push({ id: crypto.randomUUID(), type: 'position', lessonId, at, seconds: position });
        lastPosition = position;
      }
      postProgressEvents(events, leaving)
        .then((res) => {
          if (res.status === 401 || res.status === 403)
            stopped = true; // signed out meanwhile: stop trying
          else if (!res.ok && res.status >= 500) ranges = batch.concat(ranges);
        })
        // Offline: try again with the next batch (ranges sent twice count once: the server merges them).
        .catch(() => {
          if (!leaving) ranges = batch.concat(ranges);
        });
    };
    setInterval(() => flush(false), 15000);
    window.addEventListener('pagehide', () => flush(true));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flush(true);
    });
  }

  // ---- resume where the learner left off ----
  const resumeAt = Number(video.getAttribute('data-resume') || 0);
  if (resumeAt > 0) {
    const seek = () => {
      if (video.currentTime < 1 && resumeAt < (video.duration || Infinity) - 5) video.currentTime = resumeAt;
    };
    if (video.readyState >= 1) seek();
    else video.addEventListener('loadedmetadata', seek, { once: true });
  }

  // ---- (c) quality menu: a <select> under the video (labels come translated from the page) ----
  if (!hls) return;
  const masterUrl = new URL(hls, location.href).href;
  const readLevels = (master: string): Level[] => {
    const lines = master.split('\n');
    const levels: Level[] = [];
    lines.forEach((line, i) => {
      const bw = /^#EXT-X-STREAM-INF:.*\bBANDWIDTH=(\d+)/.exec(line);
      if (!bw) return;
      const res = /RESOLUTION=\d+x(\d+)/.exec(line);
      levels.push({ bandwidth: +bw[1], height: res ? +res[1] : 0, uri: new URL(lines[i + 1].trim(), masterUrl).href });
    });
    // Video renditions from the lowest up, the audio-only one last.
    return levels.sort((a, b) => (a.height ? 0 : 1) - (b.height ? 0 : 1) || a.height - b.height);
  };
  const qualityMenu = (levels: Level[], selected: string, onChange: (level: Level | null) => void) => {
    const caption = video.closest('figure')?.querySelector('figcaption');
    if (!caption || levels.length < 2) return;
    const wrap = document.createElement('span');
    const label = document.createElement('label');
    const select = document.createElement('select');
    select.id = 'tutorial-quality';
    label.htmlFor = select.id;
    label.textContent = `${video.getAttribute('data-quality-label') || 'Quality'} `;
    const add = (value: string, text: string) => {
      const o = document.createElement('option');
      o.value = value;
      o.textContent = text;
      select.appendChild(o);
    };
    add('auto', video.getAttribute('data-quality-auto') || 'Auto');
    levels.forEach((l, i) =>
      add(String(i), l.height ? `${l.height}p` : video.getAttribute('data-quality-audio') || 'Audio only'),
    );
    select.value = selected;
    select.addEventListener('change', () => onChange(select.value === 'auto' ? null : levels[+select.value]));
    wrap.append(label, select);
    caption.insertBefore(wrap, caption.firstChild);
  };

  // ---- (a) adaptive HLS ----
  const loadScript = (src: string, done: () => void, failed: () => void = () => {}) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = done;
    s.onerror = failed; // stays the plain video, which works
    document.head.appendChild(s);
  };

  if (video.canPlayType(HLS_TYPE)) {
    if (!window.fetch) return;
    const sourceEl = video.querySelector<HTMLSourceElement>(`source[type="${HLS_TYPE}"]`);
    // Native HLS cannot be told which rendition to play: play that rendition's own playlist (the master for auto).
    const play = (uri: string) => {
      if (!sourceEl) return;
      const at = video.currentTime;
      const playing = !video.paused;
      sourceEl.src = uri;
      video.load();
      if (at > 0)
        video.addEventListener(
          'loadedmetadata',
          () => {
            video.currentTime = at;
            if (playing) video.play();
          },
          { once: true },
        );
    };
    fetch(hls)
      .then((res) => res.text())
      .then((master) => {
        const levels = readLevels(master);
        const lowest = levels[0]?.height ? 0 : -1;
        // On a slow link or with data saver on, the lowest video rendition comes first.
        if (slow && lowest === 0 && video.paused) play(levels[0].uri);
        qualityMenu(levels, slow && lowest === 0 ? '0' : 'auto', (level) => play(level ? level.uri : masterUrl));
      })
      .catch(() => {});
    return;
  }
  if (!window.MediaSource) return;

  const start = () => {
    const videojs = window.videojs;
    if (!videojs || !video.isConnected) return;
    video.classList.add('video-js');
    const player = videojs(video, {
      language: document.documentElement.lang,
      playbackRates: [0.75, 1, 1.25, 1.5, 2],
      // Space/k play and pause, f full screen, m mute, once the player has the focus.
      userActions: { hotkeys: true },
      html5: {
        nativeTextTracks: true,
        // A starting estimate of 1 b/s makes the first segments come from the lowest rendition.
        vhs: slow ? { bandwidth: 1, useBandwidthFromLocalStorage: false } : { useBandwidthFromLocalStorage: true },
      },
    });
    const resume = video.currentTime;
    const wasPlaying = !video.paused;
    player.src({ src: hls, type: HLS_TYPE });
    player.one('loadedmetadata', () => {
      const vhs = player.tech({ IWillNotUseThisInPlugins: true }).vhs;
      if (!vhs?.representations || !window.fetch) return;
      fetch(hls)
        .then((res) => res.text())
        .then((master) => {
          // The menu lists video renditions (video.js switches among them; audio-only stays automatic).
          const levels = readLevels(master).filter((l) => l.height);
          qualityMenu(levels, 'auto', (level) => {
            for (const rep of vhs.representations!()) rep.enabled(!level || rep.height === level.height);
          });
        })
        .catch(() => {});
    });
    if (resume > 0)
      player.one('loadedmetadata', () => {
        player.currentTime(resume);
        if (wasPlaying) player.play();
      });
  };
  const load = () => {
    // video.js would otherwise add <style> elements, which the Content-Security-Policy refuses.
    window.VIDEOJS_NO_DYNAMIC_STYLE = true;
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = `${VENDOR}video-js.min.css`;
    document.head.appendChild(css);
    const lang = document.documentElement.lang;
    loadScript(`${VENDOR}video.min.js`, () => {
      // The build makes lang/<locale>.js for every UI language but English (scripts/build.ts, PLAYER_LOCALES);
      // should one be missing, the player still starts, in English.
      if (lang && lang !== 'en') loadScript(`${VENDOR}lang/${lang}.js`, start, start);
      else start();
    });
  };
  // After the page itself: the player is not needed to read the page or to start the plain video.
  if (document.readyState === 'complete') load();
  else window.addEventListener('load', load);
}
