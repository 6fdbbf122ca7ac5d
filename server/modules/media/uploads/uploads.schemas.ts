// Request and response shapes of the admin upload API (multipart bodies: fields as text, the file as binary).
import { Type, type Static } from 'typebox';

const Locale = Type.String({ pattern: '^[a-z]{2,3}$', description: 'Language spoken in the video, e.g. en' });
const Placement = Type.Union([Type.Literal('replace'), Type.Literal('beside')], {
  description:
    "'replace': learners get this video instead of the rendered tutorial; 'beside': offered as another version",
});
const Binary = (description: string) => Type.String({ format: 'binary', description });

export const UploadBody = Type.Object(
  {
    tutorialId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9][a-z0-9-]*$' }),
    locale: Locale,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    placement: Placement,
    file: Binary('The video: MP4, WebM, MOV or MKV, up to the configured size (MAX_UPLOAD_BYTES, 2 GB by default)'),
  },
  { additionalProperties: false },
);
export type UploadInput = Static<typeof UploadBody>;

export const CaptionsBody = Type.Object(
  {
    locale: Type.String({ pattern: '^[a-z]{2,3}$', description: 'Language of the captions' }),
    file: Binary('Captions as WebVTT (.vtt) or SubRip (.srt), UTF-8, up to 1 MB'),
  },
  { additionalProperties: false },
);

export const UploadParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const CaptionParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), locale: Type.String({ pattern: '^[a-z]{2,3}$' }) },
  { additionalProperties: false },
);
export const ListQuery = Type.Object(
  { tutorialId: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);
/** A browser form post gets a 303 back to the admin page; this says where (same-site paths only). */
export const RETURN_TO_PATTERN = '^/admin/media(?:[/?].*)?$';
export const FormQuery = Type.Object(
  { returnTo: Type.Optional(Type.String({ pattern: RETURN_TO_PATTERN, maxLength: 300 })) },
  { additionalProperties: false },
);

export const CaptionSummary = Type.Object({ locale: Type.String(), cueCount: Type.Integer() });

export const UploadSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  tutorialId: Type.String(),
  locale: Type.String(),
  title: Type.String(),
  placement: Placement,
  status: Type.Union([Type.Literal('processing'), Type.Literal('ready'), Type.Literal('failed')]),
  /** 0-100 while processing (from the transcode job); 100 once ready. */
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  error: Type.Union([Type.String(), Type.Null()], {
    description: 'Why transcoding failed (or the last failed attempt while it is retried)',
  }),
  originalName: Type.String(),
  sizeBytes: Type.Integer(),
  durationSeconds: Type.Union([Type.Number(), Type.Null()]),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  captions: Type.Array(CaptionSummary),
  hlsUrl: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type UploadBodyOut = Static<typeof UploadSchema>;
export const UploadList = Type.Object({
  items: Type.Array(UploadSchema),
  maxUploadBytes: Type.Integer({ description: 'The largest video that may be uploaded (MAX_UPLOAD_BYTES)' }),
});
export type UploadListBody = Static<typeof UploadList>;

export const VttText = Type.String({ description: 'WebVTT' });
export const PlainText = Type.String({ description: 'Plain text' });
