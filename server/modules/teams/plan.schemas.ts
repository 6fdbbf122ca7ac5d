// TypeBox schemas of the action plan routes: the plan with its sections, saving fields, comments and share links.
import { Type, type Static } from 'typebox';
import { LOCALES } from '../../i18n/locales.ts';
import { MAX_FIELD_LENGTH } from './plan-sections.ts';

const Uuid = Type.String({ format: 'uuid' });
const SectionId = Type.String({
  pattern: '^[a-z][a-z0-9_]{0,39}$',
  description: 'A section of content/plan/sections.yaml, e.g. vision',
});
const Locale = Type.Unsafe<string>({ type: 'string', enum: [...LOCALES] });

export const PlanParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const SectionParams = Type.Object({ id: Uuid, sectionId: SectionId }, { additionalProperties: false });
export const ShareParams = Type.Object({ id: Uuid, shareId: Uuid }, { additionalProperties: false });
export const TokenParams = Type.Object(
  { token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: 'The token of a share link' }) },
  { additionalProperties: false },
);
export const PlanQuery = Type.Object({ locale: Type.Optional(Locale) }, { additionalProperties: false });
export const DocumentQuery = Type.Object(
  {
    locale: Type.Optional({
      ...Locale,
      description: "The document's language; default the team's (its workshop's language, else English)",
    }),
  },
  { additionalProperties: false },
);

export const SavePlanBody = Type.Object(
  {
    fields: Type.Array(
      Type.Object(
        {
          sectionId: SectionId,
          fieldId: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
          value: Type.Union([Type.String({ maxLength: MAX_FIELD_LENGTH }), Type.Null()], {
            description: 'The new text; empty or null clears the field',
          }),
        },
        { additionalProperties: false },
      ),
      {
        minItems: 1,
        maxItems: 40,
        description: 'Only the fields that changed: each is saved on its own (last write wins per field), all or none',
      },
    ),
  },
  { additionalProperties: false },
);
export type SavePlanInput = Static<typeof SavePlanBody>;
export const CommentBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

const Change = Type.Object({ byName: Type.String(), at: Type.String({ format: 'date-time' }) });
export const PlanFieldView = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'line, text (paragraphs) or list (one item per line)' }),
  maxLength: Type.Integer(),
  document: Type.Union([Type.String(), Type.Null()], {
    description: 'priorities or timeline: shown up front in the document',
  }),
  label: Type.String(),
  hint: Type.String(),
  example: Type.String(),
  value: Type.Union([Type.String(), Type.Null()]),
  changed: Type.Union([Change, Type.Null()], { description: 'Who last changed the field and when' }),
});
export const PlanComment = Type.Object({
  id: Uuid,
  authorName: Type.String(),
  body: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export const PlanSectionView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  intro: Type.String(),
  activities: Type.Array(Type.String()),
  fields: Type.Array(PlanFieldView),
  filled: Type.Integer(),
  comments: Type.Array(PlanComment),
});
export const PlanView = Type.Object({
  teamId: Uuid,
  city: Type.String(),
  country: Type.String(),
  lang: Type.String({ description: 'The language of the section texts (English when not translated yet)' }),
  sections: Type.Array(PlanSectionView),
  filled: Type.Integer({ description: 'Fields filled in' }),
  total: Type.Integer(),
  canEdit: Type.Boolean(),
  canComment: Type.Boolean(),
});
export type PlanViewBody = Static<typeof PlanView>;
export const SavePlanResult = Type.Object({
  saved: Type.Array(
    Type.Object({
      sectionId: Type.String(),
      fieldId: Type.String(),
      value: Type.Union([Type.String(), Type.Null()]),
      changed: Change,
    }),
  ),
});

export const ShareSummary = Type.Object({
  id: Uuid,
  createdAt: Type.String({ format: 'date-time' }),
  createdByName: Type.String(),
});
export const ShareCreated = Type.Object({
  ...ShareSummary.properties,
  token: Type.String(),
  url: Type.String({ description: 'The read-only link; shown once (only a hash of the token is kept)' }),
});
export const ShareList = Type.Object({ items: Type.Array(ShareSummary) });
