// What a storyboard scene may name: its layout and its icon. The content check (content-quiz.ts) and the video
// renderer (media/render/storyboard.ts) both read these; a file of its own, so the renderer's worker thread does not
// load the content readers.
export const SCENE_LAYOUTS = ['title', 'bullets', 'statement', 'example', 'closing'] as const;
export const SCENE_ICONS = [
  'city',
  'book',
  'people',
  'map',
  'calendar',
  'chart',
  'coins',
  'leaf',
  'handshake',
  'school',
  'globe',
  'star',
  'check',
  'megaphone',
  'network',
] as const;
