// The meta description of every page (search results, link previews), in the UI's language: the course and
// its modules describe themselves, a few public pages say what they are for, every other page describes the site.
import * as m from '$lib/i18n/generated/messages.ts';

type PageData = {
  course?: { summary?: string };
  module?: { summary?: string };
  lesson?: { title: string; moduleTitle: string };
};

export function describe(routeId: string | null, data: PageData): string {
  switch (routeId) {
    case '/courses/[courseId]':
      return data.course?.summary || m.home_lead();
    case '/modules/[moduleId]':
    case '/modules/[moduleId]/handout':
      return data.module?.summary || m.home_lead();
    case '/lessons/[lessonId]':
      return data.lesson ? m.meta_lesson({ title: data.lesson.title, module: data.lesson.moduleTitle }) : m.home_lead();
    case '/signin':
    case '/signin/code':
      return m.meta_signin();
    case '/signup':
      return m.meta_signup();
    case '/verify':
    case '/verify/[id]':
    case '/verify/offline':
      return m.verify_intro();
    case '/downloads':
      return m.offline_downloads_intro();
    default:
      return m.home_lead();
  }
}
