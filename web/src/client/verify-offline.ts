// Verifies a certificate's signed QR payload in the browser, with the issuer's public keys shipped in the page
// and WebCrypto Ed25519: no network is needed once the page is loaded. The code is read by the server's own
// module (server/modules/certificates/qr-payload-format.ts), so both accept and refuse the same codes.
import {
  keyIndexOf,
  parseQrText,
  qrSignedMessage,
  verifyPathOf,
} from '../../../server/modules/certificates/qr-payload-format.ts';

/** The issuer's keys as GET /.well-known/issuer-keys.json gives them (Ed25519 JWKs). */
type IssuerJwk = { kty: string; crv: string; x: string; kid?: string };
type BarcodeDetectorClass = new (options: { formats: string[] }) => {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
};

// Registered here (pages ship no framework script): from now on this device can verify without a network.
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/service-worker.js').catch(() => {});

// The scan page: a pasted code, or one read by the camera (BarcodeDetector where the browser has it),
// opens the certificate's verify address; this also works offline, from the cached pages.
const go = (text: string) => {
  const path = verifyPathOf(text);
  if (path) location.assign(path);
  return !!path;
};
const codeForm = document.querySelector<HTMLFormElement>('[data-code-form]');
if (codeForm) {
  codeForm.addEventListener('submit', (e) => {
    if (go((codeForm.elements.namedItem('code') as HTMLInputElement).value)) e.preventDefault();
  });
  const scan = document.querySelector<HTMLElement>('[data-scan]');
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (scan && Detector && navigator.mediaDevices) {
    scan.hidden = false;
    scan.querySelector('[data-scan-start]')!.addEventListener('click', () => {
      const video = scan.querySelector<HTMLVideoElement>('[data-scan-video]')!;
      const status = scan.querySelector('[data-scan-status]')!;
      const detector = new Detector({ formats: ['qr_code'] });
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: 'environment' } })
        .then((stream) => {
          video.srcObject = stream;
          video.hidden = false;
          video.play();
          status.textContent = scan.getAttribute('data-msg-scanning');
          const tick = () => {
            detector
              .detect(video)
              .then((codes) => {
                if (codes.length && go(codes[0].rawValue)) return stream.getTracks().forEach((t) => t.stop());
                requestAnimationFrame(tick);
              })
              .catch(() => requestAnimationFrame(tick));
          };
          tick();
        })
        .catch(() => {
          status.textContent = scan.getAttribute('data-msg-camera-failed');
        });
    });
  }
}

/** The issue date in the page's language, as the online check writes it (the signed text has YYYY-MM-DD). */
function day(iso: string): string {
  try {
    return new Intl.DateTimeFormat(document.documentElement.lang || 'en', {
      dateStyle: 'long',
      timeZone: 'UTC',
    }).format(new Date(`${iso}T00:00:00Z`));
  } catch {
    return iso;
  }
}

const box = document.querySelector<HTMLElement>('[data-offline-check]');
if (box && window.crypto?.subtle) {
  const result = box.querySelector<HTMLElement>('[data-result]')!;
  const fieldList = box.querySelector<HTMLElement>('[data-fields]')!;
  const say = (ok: boolean) => {
    box.hidden = false;
    result.textContent = box.getAttribute(ok ? 'data-msg-valid' : 'data-msg-invalid');
    result.className = ok ? 'success' : 'alert';
  };
  const check = async () => {
    if (!location.hash.startsWith('#p=')) return;
    fieldList.hidden = true;
    const code = parseQrText(location.pathname + location.hash);
    const keys: IssuerJwk[] = JSON.parse(box.getAttribute('data-keys') || '[]');
    const jwk = code.ok ? keys.find((k) => keyIndexOf(k.kid) === code.keyIndex) : undefined;
    if (!code.ok || !jwk) return say(false);
    const key = await crypto.subtle.importKey(
      'jwk',
      { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    const ok = await crypto.subtle.verify(
      { name: 'Ed25519' },
      key,
      code.signature,
      qrSignedMessage(code.certificateId, code.body),
    );
    say(ok);
    if (!ok) return;
    const shown = { name: code.fields.name, courseTitle: code.fields.courseTitle, issuedOn: day(code.fields.issuedOn) };
    fieldList.hidden = false;
    for (const [field, text] of Object.entries(shown)) box.querySelector(`[data-field="${field}"]`)!.textContent = text;
  };
  const checkOrRefuse = () => check().catch(() => say(false));
  checkOrRefuse();
  window.addEventListener('hashchange', checkOrRefuse);
}
