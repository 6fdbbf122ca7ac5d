import { Type, type Static } from 'typebox';

export const TutorialParams = Type.Object({ tutorialId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9][a-z0-9-]*$' }) }, { additionalProperties: false });
export const LocaleQuery = Type.Object({ locale: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })) }, { additionalProperties: false });

export const CaptionTrack = Type.Object({
  locale: Type.String(),
  url: Type.String({ description: 'WebVTT, timed to this video' }),
});

export const TutorialReady = Type.Object({
  status: Type.Literal('ready'),
  tutorialId: Type.String(),
  locale: Type.String({ description: 'Locale of the video served (English when the wanted locale has no render yet)' }),
  hlsUrl: Type.String({ description: 'HLS master playlist: 240p, 360p, 720p and audio-only renditions (H.264/AAC)' }),
  mp4Url: Type.String({ description: '360p MP4 (faststart) for playing without HLS and for download' }),
  mp4Bytes: Type.Integer(),
  posterUrl: Type.String(),
  captions: Type.Array(CaptionTrack, { description: 'The video locale first; others only when timed to the same narration' }),
  transcriptUrl: Type.String(),
  durationSeconds: Type.Number(),
});
export const TutorialPreparing = Type.Object({
  status: Type.Literal('preparing'),
  tutorialId: Type.String(),
});
export const TutorialMedia = Type.Union([TutorialReady, TutorialPreparing]);
export type TutorialMediaBody = Static<typeof TutorialMedia>;
export type TutorialReadyBody = Static<typeof TutorialReady>;
