// "Download for offline" on a module page, and the list of downloads (downloads page, offline page).
// The service worker does the storing; this script asks it (through /offline.js) and shows progress.
(function () {
  var offline = window.lcaOffline;
  var lang = document.documentElement.lang || 'en';
  var megabytes = new Intl.NumberFormat(lang, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1, minimumFractionDigits: 1 });
  function size(bytes) { return megabytes.format(bytes / 1e6); }
  function fill(template, values) { return template.replace(/\{(\w+)\}/g, function (all, k) { return k in values ? values[k] : all; }); }
  function msg(el, name) { return el.getAttribute('data-msg-' + name) || ''; }

  // ---- the module page ----
  var box = document.querySelector('[data-download]');
  if (box && offline) {
    var moduleId = box.getAttribute('data-download');
    var locale = box.getAttribute('data-locale');
    var start = box.querySelector('[data-download-start]');
    var remove = box.querySelector('[data-download-remove]');
    var progress = box.querySelector('[data-download-progress]');
    var status = box.querySelector('[data-download-status]');
    var choice = function () { var c = box.querySelector('input[name="offline-media"]:checked'); return c ? c.value : 'none'; };
    var stored = function (record) {
      status.textContent = fill(msg(box, 'done'), { size: size(record.bytes) });
      start.textContent = msg(box, 'again');
      remove.hidden = false;
    };
    box.hidden = false;
    fetch('/api/modules/' + encodeURIComponent(moduleId) + '/offline?locale=' + encodeURIComponent(locale), { credentials: 'same-origin' })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (pkg) {
        if (!pkg) return;
        var sum = function (list) { return list.reduce(function (s, f) { return s + f.bytes; }, 0); };
        var pages = sum(pkg.pages);
        var sizes = { none: pages, video: pkg.video && pages + sum(pkg.assets) + pkg.video.bytes, audio: pkg.audio && pages + sum(pkg.assets) + pkg.audio.bytes };
        ['video', 'audio', 'none'].forEach(function (kind) {
          var row = box.querySelector('[data-media-choice="' + kind + '"]');
          if (!sizes[kind]) { row.hidden = true; row.querySelector('input').checked = false; return; }
          row.querySelector('[data-size]').textContent = '(' + size(sizes[kind]) + ')';
        });
        if (!box.querySelector('input[name="offline-media"]:checked')) box.querySelector('#offline-none').checked = true;
      })
      .catch(function () {});
    offline.ask({ type: 'downloads' }, function (reply) {
      (reply.downloads || []).forEach(function (d) { if (d.moduleId === moduleId) stored(d); });
    });
    start.addEventListener('click', function () {
      start.disabled = true;
      progress.hidden = false;
      progress.value = 0;
      offline.ask({ type: 'download', moduleId: moduleId, locale: locale, media: choice() }, function (reply) {
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
    remove.addEventListener('click', function () {
      offline.ask({ type: 'remove', moduleId: moduleId }, function () {
        remove.hidden = true;
        status.textContent = msg(box, 'removed');
        start.focus();
      });
    });
  }

  // ---- the list of downloads ----
  var list = document.querySelector('[data-download-list]');
  var empty = document.querySelector('[data-downloads-empty]');
  var estimate = document.querySelector('[data-storage-estimate]');
  var showEstimate = function () {
    if (!estimate || !navigator.storage || !navigator.storage.estimate) return;
    navigator.storage.estimate().then(function (e) { estimate.textContent = fill(estimate.getAttribute('data-msg'), { used: size(e.usage || 0), quota: size(e.quota || 0) }); });
  };
  var render = function () {
    offline.ask({ type: 'downloads' }, function (reply) {
      var downloads = reply.downloads || [];
      list.textContent = '';
      empty.hidden = downloads.length > 0;
      var dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
      downloads.forEach(function (d) {
        var li = document.createElement('li');
        var text = document.createElement('span');
        var link = document.createElement('a');
        link.href = d.firstPage;
        link.textContent = d.title;
        link.lang = d.locale;
        text.appendChild(link);
        text.appendChild(document.createTextNode(' · ' + msg(list, d.media) + ' · ' + fill(msg(list, 'item'), { size: size(d.bytes), date: dates.format(new Date(d.savedAt)) })));
        li.appendChild(text);
        if (!list.hasAttribute('data-readonly')) {
          var button = document.createElement('button');
          button.type = 'button';
          button.className = 'secondary';
          button.textContent = fill(msg(list, 'remove'), { title: d.title });
          button.addEventListener('click', function () { offline.ask({ type: 'remove', moduleId: d.moduleId }, function () { render(); showEstimate(); }); });
          li.appendChild(button);
        }
        list.appendChild(li);
      });
    });
  };
  if (list && offline) {
    render();
    showEstimate();
  }
})();
