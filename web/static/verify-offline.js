// Verifies a certificate's signed QR payload in the browser, with the issuer's public keys shipped in the page
// and WebCrypto Ed25519: no network is needed once the page is loaded. The same rules as
// server/modules/certificates/qr-payload.ts (message = "LCA-CERT-QR-v1" US id US body; body fields split by US).
(function () {
  // Registered here (pages ship no framework script): from now on this device can verify without a network.
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/service-worker.js').catch(function () {});
  // The scan page: a pasted code, or one read by the camera (BarcodeDetector where the browser has it),
  // opens the certificate's verify address; this also works offline, from the cached pages.
  var codeForm = document.querySelector('[data-code-form]');
  var go = function (text) {
    var m = /(?:^|\/verify\/)([A-Za-z0-9][A-Za-z0-9._-]{0,63})(#p=[A-Za-z0-9_.-]+)?\s*$/.exec(String(text).trim());
    if (m) { location.assign('/verify/' + m[1] + (m[2] || '')); return true; }
    return false;
  };
  if (codeForm) {
    codeForm.addEventListener('submit', function (e) { if (go(codeForm.code.value)) e.preventDefault(); });
    var scan = document.querySelector('[data-scan]');
    if (scan && 'BarcodeDetector' in window && navigator.mediaDevices) {
      scan.hidden = false;
      scan.querySelector('[data-scan-start]').addEventListener('click', function () {
        var video = scan.querySelector('[data-scan-video]');
        var status = scan.querySelector('[data-scan-status]');
        var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
        navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (stream) {
          video.srcObject = stream;
          video.hidden = false;
          video.play();
          status.textContent = scan.getAttribute('data-msg-scanning');
          var tick = function () {
            detector.detect(video).then(function (codes) {
              if (codes.length && go(codes[0].rawValue)) { stream.getTracks().forEach(function (t) { t.stop(); }); return; }
              requestAnimationFrame(tick);
            }).catch(function () { requestAnimationFrame(tick); });
          };
          tick();
        }).catch(function () { status.textContent = scan.getAttribute('data-msg-camera-failed'); });
      });
    }
  }

  var box = document.querySelector('[data-offline-check]');
  if (!box || !window.crypto || !crypto.subtle) return;
  var SEP = '\u001f';
  var result = box.querySelector('[data-result]');
  function say(ok) {
    box.hidden = false;
    result.textContent = box.getAttribute(ok ? 'data-msg-valid' : 'data-msg-invalid');
    result.className = ok ? 'success' : 'alert';
  }
  function bytes(b64url) {
    var b64 = b64url.replace(/-/g, '+').replace(/_/g, '/');
    while (b64.length % 4) b64 += '=';
    var bin = atob(b64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function check() {
  var match = /^#p=([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (!match) return;
  box.querySelector('[data-fields]').hidden = true;
  try {
    var id = decodeURIComponent(location.pathname.split('/').pop() || '');
    var body = bytes(match[1]);
    var sig = bytes(match[2]);
    var fields = new TextDecoder('utf-8', { fatal: true }).decode(body).split(SEP);
    if (fields.length !== 6 || fields[0] !== '1') return say(false);
    var keys = JSON.parse(box.getAttribute('data-keys') || '[]');
    var jwk = keys.filter(function (k) { return /#key-(\d+)$/.exec(k.kid) && /#key-(\d+)$/.exec(k.kid)[1] === fields[5]; })[0];
    if (!jwk) return say(false);
    var prefix = new TextEncoder().encode('LCA-CERT-QR-v1' + SEP + id + SEP);
    var message = new Uint8Array(prefix.length + body.length);
    message.set(prefix);
    message.set(body, prefix.length);
    crypto.subtle
      .importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, { name: 'Ed25519' }, false, ['verify'])
      .then(function (key) { return crypto.subtle.verify({ name: 'Ed25519' }, key, sig, message); })
      .then(function (ok) {
        say(ok);
        if (!ok) return;
        var shown = { name: fields[1], courseTitle: fields[3], issuedOn: day(fields[4]) };
        box.querySelector('[data-fields]').hidden = false;
        Object.keys(shown).forEach(function (k) { box.querySelector('[data-field="' + k + '"]').textContent = shown[k]; });
      })
      .catch(function () { say(false); });
  } catch (e) {
    say(false);
  }
  }
  /** The issue date in the page's language, as the online check writes it (the signed text has YYYY-MM-DD). */
  function day(iso) {
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang || 'en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso + 'T00:00:00Z'));
    } catch (e) {
      return iso;
    }
  }
  check();
  window.addEventListener('hashchange', check);
})();
