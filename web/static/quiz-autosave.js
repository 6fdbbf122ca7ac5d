// Progressive enhancement for the quiz form (about 1 KB instead of hydrating the page):
// answers are posted to the page's own "save" action as they are chosen, and kept on the device
// when the connection drops, then sent again when it returns or the page reloads.
(function () {
  var form = document.querySelector('form[data-autosave]');
  if (!form || !window.fetch) return;
  var status = form.querySelector('[data-save-status]');
  var key = 'lca-quiz-' + form.getAttribute('data-autosave');
  var timer;
  function say(state) {
    if (status) status.textContent = form.getAttribute('data-msg-' + state) || '';
  }
  function entries() {
    var list = [];
    new FormData(form).forEach(function (value, name) { list.push([name, String(value)]); });
    return list;
  }
  // Kept answers are tried again while the page is open: 3 s, 6 s … up to a minute (a request made just as the
  // connection returns can fail; no "online" event follows it).
  var retry;
  var retryDelay = 3000;
  function sendKept() {
    var kept = localStorage.getItem(key);
    if (kept) send(JSON.parse(kept));
  }
  function send(list) {
    clearTimeout(retry);
    var body = new FormData();
    list.forEach(function (e) { body.append(e[0], e[1]); });
    say('saving');
    return fetch('?/save', { method: 'POST', body: body, headers: { 'x-sveltekit-action': 'true' } })
      .then(function (res) { return res.json(); })
      .then(function (result) {
        if (result.type === 'success') { localStorage.removeItem(key); say('saved'); retryDelay = 3000; }
        else say('invalid');
      })
      .catch(function () {
        say('offline');
        retry = setTimeout(sendKept, retryDelay);
        retryDelay = Math.min(60000, retryDelay * 2);
      });
  }
  form.addEventListener('change', function () {
    var list = entries();
    localStorage.setItem(key, JSON.stringify(list));
    clearTimeout(timer);
    timer = setTimeout(function () { send(list); }, 400);
  });
  window.addEventListener('online', sendKept);
  // On a phone, one question per screen with Previous/Next; every question stays in the one form.
  var questions = Array.prototype.slice.call(form.querySelectorAll('fieldset'));
  if (window.matchMedia && window.matchMedia('(max-width: 40em)').matches && questions.length > 1) {
    var current = 0;
    var actions = form.querySelector('.actions');
    var nav = document.createElement('div');
    nav.className = 'actions question-nav';
    var prev = document.createElement('button');
    var next = document.createElement('button');
    prev.type = next.type = 'button';
    prev.className = 'secondary';
    prev.textContent = form.getAttribute('data-msg-previous');
    next.textContent = form.getAttribute('data-msg-next');
    nav.appendChild(prev);
    nav.appendChild(next);
    actions.parentNode.insertBefore(nav, actions);
    var show = function (i, focus) {
      current = i;
      questions.forEach(function (q, n) { q.hidden = n !== i; });
      prev.hidden = i === 0;
      next.hidden = i === questions.length - 1;
      actions.hidden = i !== questions.length - 1;
      if (focus) {
        var first = questions[i].querySelector('input, select');
        if (first) first.focus();
      }
    };
    prev.addEventListener('click', function () { show(current - 1, true); });
    next.addEventListener('click', function () { show(current + 1, true); });
    show(0, false);
  }

  var kept = localStorage.getItem(key);
  if (kept) {
    var list = JSON.parse(kept);
    form.querySelectorAll('input[type=radio], input[type=checkbox]').forEach(function (box) {
      box.checked = list.some(function (e) { return e[0] === box.name && e[1] === box.value; });
    });
    list.forEach(function (e) {
      var select = form.querySelector('select[name="' + e[0] + '"]');
      if (select) select.value = e[1];
    });
    send(list);
  }
})();
