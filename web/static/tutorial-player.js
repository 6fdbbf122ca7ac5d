// Progressive enhancement for the tutorial video; the page plays it without JavaScript (MP4, captions).
// (a) Where the browser has no HLS of its own, loads video.js with its HLS support (served by us, after
//     the page has loaded) and plays the adaptive HLS ladder; on a slow link or with data saver on, the
//     lowest rendition comes first (native HLS: the lowest rendition's playlist is played instead).
// (c) A quality menu under the video: automatic, or one rendition (240p, 360p, 720p, audio only).
// (b) For a signed-in learner, sends the watched time ranges as progress events every 15 s and when
//     the page is left, so the progress service can count the video as watched.
(function () {
  var video = document.querySelector('video[data-tutorial]');
  if (!video) return;
  var VENDOR = '/vendor/video.js/';
  var HLS_TYPE = 'application/vnd.apple.mpegurl';
  var hls = video.getAttribute('data-hls');
  var connection = navigator.connection || {};
  var slow = video.hasAttribute('data-saver') || !!connection.saveData || connection.effectiveType === '2g' || connection.effectiveType === 'slow-2g';

  // ---- (b) watched ranges -> POST /api/progress/events ----
  var lessonId = video.getAttribute('data-lesson');
  if (lessonId && window.fetch && window.crypto && crypto.randomUUID) {
    var ranges = []; // [start, end] in seconds, not yet sent
    var current = null; // the range being watched now
    var lastTime = 0;
    var stopped = false;
    var closeRange = function () {
      if (current && current[1] - current[0] >= 0.5) ranges.push([current[0], current[1]]);
      current = null;
    };
    video.addEventListener('timeupdate', function () {
      var t = Math.round(video.currentTime * 10) / 10;
      if (video.paused || video.seeking) return;
      // A jump (seek, stall recovery) starts a new range; normal play moves by well under 2 s.
      if (current && t >= current[1] && t - lastTime < 2) current[1] = t;
      else { closeRange(); current = [t, t]; }
      lastTime = t;
    });
    ['pause', 'seeking', 'ended'].forEach(function (type) { video.addEventListener(type, closeRange); });

    var lastPosition = 0;
    var flush = function (leaving) {
      if (stopped) return;
      if (current && current[1] - current[0] >= 0.5) { ranges.push([current[0], current[1]]); current = [current[1], current[1]]; }
      var position = Math.floor(video.currentTime || 0);
      var moved = position > 0 && position !== lastPosition;
      if (!ranges.length && !moved) return;
      var batch = ranges.splice(0, 200);
      var at = new Date().toISOString();
      var events = [];
      if (batch.length) events.push({ id: crypto.randomUUID(), type: 'video.watched', lessonId: lessonId, at: at, ranges: batch });
      // The position lets "Continue where you left off" reopen the video here, on any device.
      if (moved) { events.push({ id: crypto.randomUUID(), type: 'position', lessonId: lessonId, at: at, seconds: position }); lastPosition = position; }
      var body = JSON.stringify({ events: events });
      // keepalive lets the request outlive the page; sendBeacon cannot send JSON with the cookie reliably.
      fetch('/api/progress/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: body, keepalive: !!leaving, credentials: 'same-origin' })
        .then(function (res) {
          if (res.status === 401 || res.status === 403) stopped = true; // signed out meanwhile: stop trying
          else if (!res.ok && res.status >= 500) ranges = batch.concat(ranges);
        })
        // Offline: try again with the next batch (ranges sent twice count once: the server merges them).
        .catch(function () { if (!leaving) ranges = batch.concat(ranges); });
    };
    setInterval(function () { flush(false); }, 15000);
    window.addEventListener('pagehide', function () { flush(true); });
    document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') flush(true); });
  }

  // ---- resume where the learner left off ----
  var resume = Number(video.getAttribute('data-resume') || 0);
  if (resume > 0) {
    var seek = function () { if (video.currentTime < 1 && resume < (video.duration || Infinity) - 5) video.currentTime = resume; };
    if (video.readyState >= 1) seek();
    else video.addEventListener('loadedmetadata', seek, { once: true });
  }

  // ---- (c) quality menu: a <select> under the video (labels come translated from the page) ----
  var masterUrl = hls && new URL(hls, location.href).href;
  var readLevels = function (master) {
    var lines = master.split('\n');
    var levels = [];
    lines.forEach(function (line, i) {
      var bw = /^#EXT-X-STREAM-INF:.*\bBANDWIDTH=(\d+)/.exec(line);
      if (!bw) return;
      var res = /RESOLUTION=\d+x(\d+)/.exec(line);
      levels.push({ bandwidth: +bw[1], height: res ? +res[1] : 0, uri: new URL(lines[i + 1].trim(), masterUrl).href });
    });
    // Video renditions from the lowest up, the audio-only one last.
    return levels.sort(function (a, b) { return (a.height ? 0 : 1) - (b.height ? 0 : 1) || a.height - b.height; });
  };
  var qualityMenu = function (levels, selected, onChange) {
    var caption = video.closest('figure') && video.closest('figure').querySelector('figcaption');
    if (!caption || levels.length < 2) return;
    var wrap = document.createElement('span');
    var label = document.createElement('label');
    var select = document.createElement('select');
    select.id = 'tutorial-quality';
    label.htmlFor = select.id;
    label.textContent = (video.getAttribute('data-quality-label') || 'Quality') + ' ';
    var add = function (value, text) {
      var o = document.createElement('option');
      o.value = value;
      o.textContent = text;
      select.appendChild(o);
    };
    add('auto', video.getAttribute('data-quality-auto') || 'Auto');
    levels.forEach(function (l, i) { add(String(i), l.height ? l.height + 'p' : (video.getAttribute('data-quality-audio') || 'Audio only')); });
    select.value = selected;
    select.addEventListener('change', function () { onChange(select.value === 'auto' ? null : levels[+select.value]); });
    wrap.appendChild(label);
    wrap.appendChild(select);
    caption.insertBefore(wrap, caption.firstChild);
  };

  // ---- (a) adaptive HLS ----
  if (!hls) return;
  var loadScript = function (src, done, failed) {
    var s = document.createElement('script');
    s.src = src;
    s.onload = done;
    s.onerror = failed || function () {}; // stays the plain video, which works
    document.head.appendChild(s);
  };

  if (video.canPlayType(HLS_TYPE)) {
    if (!window.fetch) return;
    var sourceEl = video.querySelector('source[type="' + HLS_TYPE + '"]');
    // Native HLS cannot be told which rendition to play: play that rendition's own playlist (the master for auto).
    var play = function (uri) {
      if (!sourceEl) return;
      var at = video.currentTime;
      var playing = !video.paused;
      sourceEl.src = uri;
      video.load();
      if (at > 0) video.addEventListener('loadedmetadata', function () { video.currentTime = at; if (playing) video.play(); }, { once: true });
    };
    fetch(hls).then(function (res) { return res.text(); }).then(function (master) {
      var levels = readLevels(master);
      var lowest = levels[0] && levels[0].height ? 0 : -1;
      // On a slow link or with data saver on, the lowest video rendition comes first.
      if (slow && lowest === 0 && video.paused) play(levels[0].uri);
      qualityMenu(levels, slow && lowest === 0 ? '0' : 'auto', function (level) { play(level ? level.uri : masterUrl); });
    }).catch(function () {});
    return;
  }
  if (!window.MediaSource) return;

  var start = function () {
    var videojs = window.videojs;
    if (!videojs || !video.isConnected) return;
    var lang = document.documentElement.lang;
    video.classList.add('video-js');
    var player = videojs(video, {
      language: lang,
      playbackRates: [0.75, 1, 1.25, 1.5, 2],
      // Space/k play and pause, f full screen, m mute, once the player has the focus.
      userActions: { hotkeys: true },
      html5: {
        nativeTextTracks: true,
        // A starting estimate of 1 b/s makes the first segments come from the lowest rendition.
        vhs: slow ? { bandwidth: 1, useBandwidthFromLocalStorage: false } : { useBandwidthFromLocalStorage: true },
      },
    });
    var resume = video.currentTime;
    var wasPlaying = !video.paused;
    player.src({ src: hls, type: HLS_TYPE });
    player.one('loadedmetadata', function () {
      var vhs = player.tech({ IWillNotUseThisInPlugins: true }).vhs;
      if (!vhs || !vhs.representations || !window.fetch) return;
      fetch(hls).then(function (res) { return res.text(); }).then(function (master) {
        // The menu lists video renditions (video.js switches among them; audio-only stays automatic).
        var levels = readLevels(master).filter(function (l) { return l.height; });
        qualityMenu(levels, 'auto', function (level) {
          vhs.representations().forEach(function (rep) { rep.enabled(!level || rep.height === level.height); });
        });
      }).catch(function () {});
    });
    if (resume > 0) player.one('loadedmetadata', function () { player.currentTime(resume); if (wasPlaying) player.play(); });
  };
  var load = function () {
    // video.js would otherwise add <style> elements, which the Content-Security-Policy refuses.
    window.VIDEOJS_NO_DYNAMIC_STYLE = true;
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = VENDOR + 'video-js.min.css';
    document.head.appendChild(css);
    var lang = document.documentElement.lang;
    loadScript(VENDOR + 'video.min.js', function () {
      // The build makes lang/<locale>.js for every UI language but English (scripts/build.ts, PLAYER_LOCALES);
      // should one be missing, the player still starts, in English.
      if (lang && lang !== 'en') loadScript(VENDOR + 'lang/' + lang + '.js', start, start);
      else start();
    });
  };
  // After the page itself: the player is not needed to read the page or to start the plain video.
  if (document.readyState === 'complete') load();
  else window.addEventListener('load', load);
})();
