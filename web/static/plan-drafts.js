// Drafts of an action plan section, kept on the device (about 1 KB, no framework): what a member types is stored
// in localStorage field by field; a page opened later puts back what was not saved (and says so); a save made
// without a connection waits on the device and is sent when the connection returns. A field whose saved value
// already equals the draft drops the draft, so a successful save clears it.
(function () {
  var form = document.querySelector('form[data-plan-drafts]');
  if (!form || !window.localStorage) return;
  // Per person too: on a shared laptop one member's unsaved text is not put back into another's form.
  var banner = document.querySelector('[data-offline-banner]');
  var key = 'lca-plan-' + (banner ? banner.getAttribute('data-user') || '' : '') + '-' + form.getAttribute('data-plan-drafts');
  var status = form.querySelector('[data-draft-status]');
  function say(name) {
    if (!status) return;
    status.textContent = form.getAttribute('data-msg-' + name) || '';
    status.hidden = !status.textContent;
  }
  function read() { try { return JSON.parse(localStorage.getItem(key) || '{}'); } catch (e) { return {}; } }
  function fieldsOf() {
    return Array.prototype.filter.call(form.elements, function (el) { return el.name && el.name.indexOf('f-') === 0; });
  }
  function wasOf(el) { var w = form.elements.namedItem('was-' + el.name.slice(2)); return w ? w.value : ''; }
  function store() {
    var draft = {};
    fieldsOf().forEach(function (el) { if (el.value !== wasOf(el)) draft[el.name] = el.value; });
    if (Object.keys(draft).length) localStorage.setItem(key, JSON.stringify(draft)); else localStorage.removeItem(key);
  }
  // Put back what was typed and not saved (a page the server answered with an error already shows it).
  var draft = read();
  var restored = false;
  fieldsOf().forEach(function (el) {
    if (!(el.name in draft)) return;
    if (draft[el.name] === wasOf(el)) return;
    if (el.value === wasOf(el)) { el.value = draft[el.name]; restored = true; }
  });
  store();
  if (restored) say('restored');
  form.addEventListener('input', store);
  var waiting = false;
  form.addEventListener('submit', function (event) {
    store();
    if (navigator.onLine) return;
    event.preventDefault();
    waiting = true;
    say('offline');
  });
  window.addEventListener('online', function () {
    if (!waiting) return;
    say('sending');
    // Requests made the instant the network changes can fail: wait a second, then post the form as usual.
    setTimeout(function () { waiting = false; form.submit(); }, 1000);
  });
})();
