// A tiny two-scene tutorial rendered with the real pipeline into a media directory, for API and browser tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderTutorial, type RenderResult } from '../../server/modules/media/render/render-tutorial.ts';

type Tap = { teardown: (fn: () => unknown) => void };

export const tinyStoryboard = (id: string) => ({
  id,
  title: 'A tiny test tutorial',
  scenes: [
    {
      id: 's1',
      layout: 'title',
      icon: 'city',
      heading: 'Testing the player',
      bullets: [],
      narration: 'Welcome to the test tutorial. It has two scenes.',
    },
    {
      id: 's2',
      layout: 'bullets',
      icon: 'people',
      heading: 'Two bullets',
      bullets: ['Mayor commits to learning', 'Partners share the work'],
      narration:
        'A learning city has a plan. First, the mayor commits to lifelong learning. Then partners share the work.',
    },
  ],
});

/** Khmer has no voice: its render speaks the English narration, so its captions fit the English video. */
export const tinyStoryboardKm = (id: string) => {
  const sb = tinyStoryboard(id);
  return {
    ...sb,
    title: 'វីដេអូសាកល្បង',
    scenes: sb.scenes.map((s, i) => ({
      ...s,
      heading: i === 0 ? 'សាកល្បង' : 'ចំណុចពីរ',
      narration: i === 0 ? 'សូមស្វាគមន៍។' : 'ទីក្រុងសិក្សាមានផែនការ។',
    })),
  };
};

export function tempMediaDir(t: Tap): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lca-media-test-'));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function renderTinyTutorial(
  mediaDir: string,
  tutorialId: string,
  locales: string[] = ['en'],
): Promise<Record<string, RenderResult>> {
  const out: Record<string, RenderResult> = {};
  for (const locale of locales) {
    const storyboard = locale === 'km' ? tinyStoryboardKm(tutorialId) : tinyStoryboard(tutorialId);
    out[locale] = await renderTutorial({
      storyboard,
      sourceStoryboard: locale === 'en' ? undefined : tinyStoryboard(tutorialId),
      locale,
      outDir: mediaDir,
    });
  }
  return out;
}
