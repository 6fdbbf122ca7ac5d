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
  function send(list) {
    var body = new FormData();
    list.forEach(function (e) { body.append(e[0], e[1]); });
    say('saving');
    return fetch('?/save', { method: 'POST', body: body, headers: { 'x-sveltekit-action': 'true' } })
      .then(function (res) { return res.json(); })
      .then(function (result) {
        if (result.type === 'success') { localStorage.removeItem(key); say('saved'); }
        else say('invalid');
      })
      .catch(function () { say('offline'); });
  }
  form.addEventListener('change', function () {
    var list = entries();
    localStorage.setItem(key, JSON.stringify(list));
    clearTimeout(timer);
    timer = setTimeout(function () { send(list); }, 400);
  });
  window.addEventListener('online', function () {
    var kept = localStorage.getItem(key);
    if (kept) send(JSON.parse(kept));
  });
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
