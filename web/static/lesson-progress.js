// On a lesson page, for a signed-in learner who has not finished it (under 1 KB): when the end of the lesson
// scrolls into view, the lesson is complete. The event goes to /api/progress/events; with no connection the
// service worker keeps it in the device's outbox and sends it later (its id makes a resend harmless).
(function () {
  var end = document.querySelector('[data-lesson-end]');
  if (!end || !('IntersectionObserver' in window) || !window.fetch || !window.crypto || !crypto.randomUUID) return;
  var lessonId = end.getAttribute('data-lesson-end');
  var observer = new IntersectionObserver(function (entries) {
    if (!entries.some(function (e) { return e.isIntersecting; })) return;
    observer.disconnect();
    var body = JSON.stringify({ events: [{ id: crypto.randomUUID(), type: 'lesson.completed', lessonId: lessonId, at: new Date().toISOString() }] });
    fetch('/api/progress/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: body, keepalive: true, credentials: 'same-origin' })
      .then(function (res) {
        if (!res.ok) return;
        var done = document.querySelector('[data-lesson-done]');
        if (done) done.hidden = false;
      })
      .catch(function () {});
  });
  observer.observe(end);
})();
