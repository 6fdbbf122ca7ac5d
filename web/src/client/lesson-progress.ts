// On a lesson page, for a signed-in learner who has not finished it (under 1 KB): when the end of the lesson
// scrolls into view, the lesson is complete. The event goes to /api/progress/events; with no connection the
// service worker keeps it in the device's outbox and sends it later (its id makes a resend harmless).
import { canSendProgress, postProgressEvents } from './lib/progress-events.ts';

const end = document.querySelector('[data-lesson-end]');
if (end && 'IntersectionObserver' in window && canSendProgress()) {
  const lessonId = end.getAttribute('data-lesson-end')!;
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    postProgressEvents(
      [{ id: crypto.randomUUID(), type: 'lesson.completed', lessonId, at: new Date().toISOString() }],
      true,
    )
      .then((res) => {
        if (!res.ok) return;
        const done = document.querySelector<HTMLElement>('[data-lesson-done]');
        if (done) done.hidden = false;
      })
      .catch(() => {});
  });
  observer.observe(end);
}
