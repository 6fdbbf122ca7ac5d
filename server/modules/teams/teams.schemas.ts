import { Type, type Static } from 'typebox';
import { LOCALES } from '../../i18n/locales.ts';

const Uuid = Type.String({ format: 'uuid' });
const DateOnly = Type.String({ format: 'date', description: 'A calendar date, YYYY-MM-DD' });
const City = Type.String({ minLength: 1, maxLength: 120 });
const Country = Type.String({
  minLength: 2,
  maxLength: 2,
  description: 'A current ISO 3166-1 alpha-2 code, e.g. KH (as for workshops)',
});
const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

export const TeamParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const AssessmentParams = Type.Object({ id: Uuid, assessmentId: Uuid }, { additionalProperties: false });
export const ActionParams = Type.Object(
  {
    id: Uuid,
    assessmentId: Uuid,
    actionId: Type.String({
      pattern: '^[0-9]{1,2}\\.[0-9]{1,2}$',
      description: 'An action of the framework, "<area>.<bullet>", e.g. 4.3',
    }),
  },
  { additionalProperties: false },
);
export const FrameworkQuery = Type.Object(
  {
    locale: Type.Optional(
      Type.Unsafe<string>({
        type: 'string',
        enum: [...LOCALES],
        description: 'The language wanted; English where there is no translation yet (see lang)',
      }),
    ),
  },
  { additionalProperties: false },
);
export const WorkshopTeamsQuery = Type.Object({ workshopId: Uuid }, { additionalProperties: false });

export const CreateTeamBody = Type.Object(
  {
    city: City,
    country: Country,
    workshopId: Type.Optional(
      Type.Union([Uuid, Type.Null()], {
        description:
          "The workshop the team works in; none for a team of its own. A facilitator's team has no member yet; a participant's has them",
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateTeamInput = Static<typeof CreateTeamBody>;
export const JoinTeamBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, description: 'As typed: case, spaces and dashes do not matter' }),
  },
  { additionalProperties: false },
);
export const CreateAssessmentBody = Type.Object(
  {
    assessedOn: Type.Optional(
      Type.Union([DateOnly, Type.Null()], {
        description: 'When the team assessed (default today, UTC); not in the future, one per day',
      }),
    ),
  },
  { additionalProperties: false },
);

export const SaveActionBody = Type.Object(
  {
    rating: Type.Optional(
      Type.Union([Type.Integer({ minimum: 0, maximum: 4 }), Type.Null()], {
        description: '0 not started, 1 planned, 2 started, 3 established, 4 embedded; null clears',
      }),
    ),
    evidence: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    link: Type.Optional(Nullable(Type.String({ maxLength: 500, description: 'An http(s) address' }))),
    lead: Type.Optional(Nullable(Type.String({ maxLength: 200, description: 'Who in the city leads this action' }))),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type SaveActionInput = Static<typeof SaveActionBody>;

const Member = Type.Object({ id: Uuid, name: Type.String(), joinedAt: Type.String({ format: 'date-time' }) });
const Change = Type.Object({ by: Type.String(), byName: Type.String(), at: Type.String({ format: 'date-time' }) });

export const TeamSummary = Type.Object({
  id: Uuid,
  city: Type.String(),
  country: Type.String(),
  workshopId: Type.Union([Uuid, Type.Null()]),
  joinCode: Type.String({ description: 'Formatted for reading aloud: K7QM-3XPA' }),
  memberCount: Type.Integer(),
});
export type TeamSummaryBody = Static<typeof TeamSummary>;
export const TeamList = Type.Object({ items: Type.Array(TeamSummary) });

export const AssessmentSummary = Type.Object({ id: Uuid, assessedOn: Type.String() });
export const TeamView = Type.Object({
  ...TeamSummary.properties,
  members: Type.Array(Member),
  assessments: Type.Array(AssessmentSummary),
  nextAssessmentFrom: Type.Union([Type.String({ format: 'date' }), Type.Null()], {
    description: 'The first day a new assessment may be dated after the latest (6 months on); null before the first',
  }),
  canEdit: Type.Boolean(),
});
export type TeamViewBody = Static<typeof TeamView>;
export const JoinTeamResult = Type.Object({ teamId: Uuid, city: Type.String(), alreadyMember: Type.Boolean() });

export const Answer = Type.Object({
  actionId: Type.String(),
  rating: Type.Union([Type.Integer(), Type.Null()]),
  evidence: Type.Union([Type.String(), Type.Null()]),
  link: Type.Union([Type.String(), Type.Null()]),
  lead: Type.Union([Type.String(), Type.Null()]),
  changes: Type.Record(Type.String(), Change, { description: 'Per field: who last changed it and when' }),
});
export type AnswerBody = Static<typeof Answer>;
export const AreaScore = Type.Object({
  areaId: Type.Integer(),
  average: Type.Union([Type.Number(), Type.Null()]),
  rated: Type.Integer(),
  actions: Type.Integer(),
});
export const AssessmentView = Type.Object({
  id: Uuid,
  teamId: Uuid,
  assessedOn: Type.String(),
  answers: Type.Array(Answer),
  areas: Type.Array(AreaScore),
});
export type AssessmentViewBody = Static<typeof AssessmentView>;
export const AssessmentList = Type.Object({ items: Type.Array(AssessmentView) });

const ItemLang = Type.Optional(
  Type.String({
    description:
      "Only where this item's text is in another language than `lang`: English, when the translation lacks it",
  }),
);
const FrameworkAction = Type.Object({ id: Type.String(), cites: Type.String(), text: Type.String(), lang: ItemLang });
export const FrameworkView = Type.Object({
  lang: Type.String({
    description: 'The language the texts are in (English when the requested one has no translation yet)',
  }),
  source: Type.String(),
  groups: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      cites: Type.String(),
      areas: Type.Array(Type.Integer()),
      lang: ItemLang,
    }),
  ),
  areas: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      group: Type.String(),
      actions: Type.Array(FrameworkAction),
      lang: ItemLang,
    }),
  ),
});

// ---- A workshop's teams for its dashboard: plan progress and self-assessment profiles ----

export const TeamProgress = Type.Object({
  id: Uuid,
  city: Type.String(),
  country: Type.String(),
  memberCount: Type.Integer(),
  plan: Type.Object(
    {
      sectionsComplete: Type.Integer({ description: 'Sections with every field filled in' }),
      sectionsStarted: Type.Integer({
        description: 'Sections with at least one field filled in (complete ones included)',
      }),
      sectionsTotal: Type.Integer(),
      fieldsFilled: Type.Integer(),
      fieldsTotal: Type.Integer(),
      lastChangedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      lastChangedByName: Type.Union([Type.String(), Type.Null()]),
    },
    { description: 'How far the plan is, not what it says (the texts are read on the plan page, by those who may)' },
  ),
  assessments: Type.Array(
    Type.Object({ id: Uuid, assessedOn: Type.String({ format: 'date' }), areas: Type.Array(AreaScore) }),
    { description: 'Oldest first; the last is the latest profile' },
  ),
});
export type TeamProgressBody = Static<typeof TeamProgress>;
export const WorkshopTeamsProgress = Type.Object({
  workshopId: Uuid,
  canReadPlans: Type.Boolean({
    description: "The workshop's facilitators read and comment on the plans; admins see the progress only",
  }),
  teams: Type.Array(TeamProgress, { description: 'By city' }),
});
export type WorkshopTeamsProgressBody = Static<typeof WorkshopTeamsProgress>;
