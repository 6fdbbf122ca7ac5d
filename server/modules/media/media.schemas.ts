import { Type, type Static } from 'typebox';

export const TutorialParams = Type.Object(
  { tutorialId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9][a-z0-9-]*$' }) },
  { additionalProperties: false },
);
export const LocaleQuery = Type.Object(
  { locale: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })) },
  { additionalProperties: false },
);

export const CaptionTrack = Type.Object({
  locale: Type.String(),
  url: Type.String({ description: 'WebVTT, timed to this video' }),
});

/** An uploaded video offered beside the tutorial (placement 'beside'). */
export const VideoVersion = Type.Object({
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  locale: Type.String({ description: 'Language spoken in the video' }),
  hlsUrl: Type.String(),
  mp4Url: Type.String(),
  mp4Bytes: Type.Integer(),
  posterUrl: Type.String(),
  captions: Type.Array(CaptionTrack),
  transcriptUrl: Type.Optional(Type.String({ description: 'From the captions, when there are some' })),
  durationSeconds: Type.Number(),
});
const Versions = Type.Array(VideoVersion, {
  description: 'Uploaded videos offered as other versions of this tutorial',
});

export const TutorialReady = Type.Object({
  status: Type.Literal('ready'),
  tutorialId: Type.String(),
  source: Type.Union([Type.Literal('render'), Type.Literal('upload')], {
    description: "'upload': an admin's uploaded video replaces the rendered one",
  }),
  title: Type.Optional(Type.String({ description: 'Title of an uploaded video' })),
  locale: Type.String({ description: 'Locale of the video served (English when the wanted locale has no render yet)' }),
  narrationLocale: Type.String({
    description:
      "Language of the voice heard: English in a render for a language eSpeak has no voice for (e.g. Khmer: captions and on-screen text in Khmer, narration in English); an upload's own language",
  }),
  hlsUrl: Type.String({ description: 'HLS master playlist: 240p, 360p, 720p and audio-only renditions (H.264/AAC)' }),
  mp4Url: Type.String({ description: '360p MP4 (faststart) for playing without HLS and for download' }),
  mp4Bytes: Type.Integer(),
  posterUrl: Type.String(),
  captions: Type.Array(CaptionTrack, {
    description: 'The video locale first; others only when timed to the same narration',
  }),
  transcriptUrl: Type.Optional(
    Type.String({ description: 'Plain text; for an uploaded video, from its captions when it has some' }),
  ),
  durationSeconds: Type.Number(),
  versions: Versions,
});
export const TutorialPreparing = Type.Object({
  status: Type.Literal('preparing'),
  tutorialId: Type.String(),
  versions: Versions,
});
export const TutorialMedia = Type.Union([TutorialReady, TutorialPreparing]);
export type TutorialMediaBody = Static<typeof TutorialMedia>;
export type TutorialReadyBody = Static<typeof TutorialReady>;
export type VideoVersionBody = Static<typeof VideoVersion>;
