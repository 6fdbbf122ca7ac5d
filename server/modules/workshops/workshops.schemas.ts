import { Type, type Static } from 'typebox';
import { LOCALES, type Locale } from '../../i18n/locales.ts';
import { SlipResultSchema, SlipSchema } from '../accounts/accounts.schemas.ts';

const DateOnly = Type.String({ format: 'date', description: 'A calendar date, YYYY-MM-DD' });
const TimeOfDay = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
  description: "HH:MM, 24-hour, in the workshop's time zone",
});
const LocaleField = Type.Unsafe<Locale>({
  type: 'string',
  enum: [...LOCALES],
  description: 'Language of the workshop',
});
const Title = Type.String({ minLength: 1, maxLength: 200 });
const City = Type.String({ minLength: 1, maxLength: 120 });
const Country = Type.String({
  minLength: 2,
  maxLength: 2,
  description: 'A current ISO 3166-1 alpha-2 code, e.g. KH (retired codes such as VD or FX are refused)',
});
const TimeZone = Type.String({
  minLength: 1,
  maxLength: 64,
  description:
    'IANA time zone, e.g. Asia/Phnom_Penh; an old name (Asia/Saigon) is stored under its current one (Asia/Ho_Chi_Minh)',
});
const Description = Type.String({ maxLength: 4000 });
const MaxParticipants = Type.Integer({ minimum: 1, maximum: 10_000 });
const Uuid = Type.String({ format: 'uuid' });
const LocalDateTime = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d$',
  description: "YYYY-MM-DDTHH:MM in the workshop's time zone",
});

export const WorkshopParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const AssignmentParams = Type.Object({ id: Uuid, assignmentId: Uuid }, { additionalProperties: false });
export const FacilitatorParams = Type.Object({ id: Uuid, userId: Uuid }, { additionalProperties: false });

export const CreateWorkshopBody = Type.Object(
  {
    title: Title,
    city: City,
    country: Country,
    locale: LocaleField,
    timeZone: TimeZone,
    startsOn: DateOnly,
    endsOn: DateOnly,
    description: Type.Optional(Description),
    maxParticipants: Type.Optional(MaxParticipants),
  },
  { additionalProperties: false },
);
export type CreateWorkshopInput = Static<typeof CreateWorkshopBody>;

export const UpdateWorkshopBody = Type.Object(
  {
    title: Type.Optional(Title),
    city: Type.Optional(City),
    country: Type.Optional(Country),
    locale: Type.Optional(LocaleField),
    timeZone: Type.Optional(TimeZone),
    startsOn: Type.Optional(DateOnly),
    endsOn: Type.Optional(DateOnly),
    description: Type.Optional(Type.Union([Description, Type.Null()])),
    maxParticipants: Type.Optional(Type.Union([MaxParticipants, Type.Null()], { description: 'null: no limit' })),
    joinOpen: Type.Optional(Type.Boolean({ description: 'false closes joining by code; true opens it again' })),
    joinFrom: Type.Optional(
      Type.Union([LocalDateTime, Type.Null()], { description: 'Joining opens then (null: no start)' }),
    ),
    joinUntil: Type.Optional(
      Type.Union([LocalDateTime, Type.Null()], { description: 'Joining closes then (null: no end)' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateWorkshopInput = Static<typeof UpdateWorkshopBody>;

export const JoinBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, description: 'As typed: case, spaces and dashes do not matter' }),
  },
  { additionalProperties: false },
);
export const AddFacilitatorBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254 }) },
  { additionalProperties: false },
);
export const AssignmentBody = Type.Object(
  { moduleId: Type.String({ minLength: 1, maxLength: 100 }), dueOn: DateOnly, dueTime: Type.Optional(TimeOfDay) },
  { additionalProperties: false },
);
export type AssignmentInput = Static<typeof AssignmentBody>;
export const UpdateAssignmentBody = Type.Object(
  { dueOn: DateOnly, dueTime: Type.Optional(TimeOfDay) },
  { additionalProperties: false },
);

const Phase = Type.Union([
  Type.Literal('upcoming'),
  Type.Literal('running'),
  Type.Literal('ended'),
  Type.Literal('archived'),
]);
const ProgressStatus = Type.Union([
  Type.Literal('not_started'),
  Type.Literal('in_progress'),
  Type.Literal('complete'),
  Type.Literal('overdue'),
]);
export type ProgressStatusValue = Static<typeof ProgressStatus>;
const FacilitatorRole = Type.Union([Type.Literal('owner'), Type.Literal('co_facilitator')]);

export const Assignment = Type.Object({
  id: Uuid,
  moduleId: Type.String(),
  moduleNumber: Type.Integer(),
  moduleTitle: Type.String(),
  quizId: Type.Union([Type.String(), Type.Null()]),
  dueAt: Type.String({ format: 'date-time', description: 'UTC' }),
  dueOn: Type.String({ description: "Local date in the workshop's time zone" }),
  dueTime: Type.String({ description: "Local time in the workshop's time zone" }),
});
export type AssignmentBodyOut = Static<typeof Assignment>;

const Basics = {
  id: Uuid,
  title: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  city: Type.String(),
  country: Type.String(),
  locale: Type.String(),
  timeZone: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  phase: Phase,
};

export const ManagedWorkshop = Type.Object({
  view: Type.Literal('manager'),
  ...Basics,
  maxParticipants: Type.Union([Type.Integer(), Type.Null()]),
  joinCode: Type.String({ description: 'Grouped for reading aloud: K7QM-3XPA' }),
  joinUrl: Type.String(),
  joinOpen: Type.Boolean(),
  joinFrom: Type.Union([Type.String(), Type.Null()], {
    description: "When joining opens, YYYY-MM-DDTHH:MM in the workshop's time zone",
  }),
  joinUntil: Type.Union([Type.String(), Type.Null()], {
    description: "When joining closes, YYYY-MM-DDTHH:MM in the workshop's time zone",
  }),
  participantCount: Type.Integer(),
  myRole: Type.Union([FacilitatorRole, Type.Literal('admin')]),
  facilitators: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      email: Type.Union([Type.String(), Type.Null()]),
      role: FacilitatorRole,
    }),
  ),
  assignments: Type.Array(Assignment),
});
export type ManagedWorkshopBody = Static<typeof ManagedWorkshop>;

export const MyAssignment = Type.Object({
  ...Assignment.properties,
  status: ProgressStatus,
  percent: Type.Integer(),
  bestScore: Type.Union([Type.Integer(), Type.Null()]),
});
/** What a participant sees: the workshop, its facilitators' names, assignments and their own status only. */
export const ParticipantWorkshop = Type.Object({
  view: Type.Literal('participant'),
  ...Basics,
  facilitators: Type.Array(Type.Object({ name: Type.String() })),
  assignments: Type.Array(MyAssignment),
});
export type ParticipantWorkshopBody = Static<typeof ParticipantWorkshop>;
export const WorkshopView = Type.Union([ManagedWorkshop, ParticipantWorkshop]);

export const WorkshopSummary = Type.Object({
  ...Basics,
  participantCount: Type.Integer(),
  joinCode: Type.String(),
  myRole: Type.Union([FacilitatorRole, Type.Literal('admin')]),
});
export type WorkshopSummaryBody = Static<typeof WorkshopSummary>;
export const WorkshopList = Type.Object({ items: Type.Array(WorkshopSummary) });
export const ListQuery = Type.Object(
  { archived: Type.Boolean({ default: false, description: 'true: archived workshops instead of current ones' }) },
  { additionalProperties: false },
);
/** An invitation waiting for its person's answer: only what they need to decide (no other participant, no progress). */
export const WorkshopInvitation = Type.Object({
  workshopId: Uuid,
  title: Type.String(),
  city: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  facilitators: Type.Array(Type.Object({ name: Type.String() })),
  invitedBy: Type.Union([Type.String(), Type.Null()], { description: 'Name of the facilitator who sent the list' }),
  invitedAt: Type.String({ format: 'date-time' }),
});
export type WorkshopInvitationBody = Static<typeof WorkshopInvitation>;
export const InvitationParams = Type.Object({ workshopId: Uuid }, { additionalProperties: false });
export const InvitationList = Type.Object({ items: Type.Array(WorkshopInvitation) });
export const InvitationAccepted = Type.Object({ workshopId: Uuid, title: Type.String() });
export const MyWorkshops = Type.Object({
  facilitating: Type.Array(WorkshopSummary),
  participating: Type.Array(ParticipantWorkshop),
  invitations: Type.Array(WorkshopInvitation),
});

export const JoinPreviewQuery = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, description: 'As typed: case, spaces and dashes do not matter' }),
  },
  { additionalProperties: false },
);
/** What a join-code holder sees before joining: no participants, no progress. */
export const JoinPreviewSchema = Type.Object({
  title: Type.String(),
  city: Type.String(),
  country: Type.String({ description: 'ISO 3166-1 alpha-2' }),
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.String({ format: 'date' }),
  facilitators: Type.Array(Type.String(), { description: 'Names, the owner first' }),
  joinOpen: Type.Boolean({
    description: 'False when joining is closed, outside its window, or the workshop has ended',
  }),
});
export type JoinPreview = Static<typeof JoinPreviewSchema>;
export const JoinResult = Type.Object({ workshopId: Uuid, title: Type.String(), alreadyJoined: Type.Boolean() });
export const FacilitatorList = Type.Object({ facilitators: ManagedWorkshop.properties.facilitators });

const Cell = Type.Object({
  moduleId: Type.String(),
  status: ProgressStatus,
  percent: Type.Integer(),
  bestScore: Type.Union([Type.Integer(), Type.Null()]),
});
export const DashboardQuery = Type.Object(
  {
    status: Type.Optional(ProgressStatus),
    sort: Type.Union([Type.Literal('name'), Type.Literal('progress'), Type.Literal('last_active')], {
      default: 'name',
    }),
    locale: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })),
  },
  { additionalProperties: false },
);
export type DashboardFilter = Static<typeof DashboardQuery>;
export const Dashboard = Type.Object({
  workshopId: Uuid,
  title: Type.String(),
  timeZone: Type.String(),
  generatedAt: Type.String({ format: 'date-time' }),
  participantCount: Type.Integer({ description: 'All current participants, before any status filter' }),
  assignments: Type.Array(Assignment),
  participants: Type.Array(
    Type.Object({
      userId: Uuid,
      name: Type.String(),
      joinedAt: Type.String({ format: 'date-time' }),
      lastActiveAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      percent: Type.Integer({ description: 'Average over the assignments' }),
      cells: Type.Array(Cell),
    }),
  ),
  totals: Type.Array(
    Type.Object({
      moduleId: Type.String(),
      notStarted: Type.Integer(),
      inProgress: Type.Integer(),
      complete: Type.Integer(),
      overdue: Type.Integer(),
      averagePercent: Type.Integer(),
      averageBestScore: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
  items: Type.Array(
    Type.Object({
      moduleId: Type.String(),
      quizId: Type.String(),
      questions: Type.Array(
        Type.Object({
          questionId: Type.String(),
          position: Type.Integer(),
          prompt: Type.String(),
          answered: Type.Integer(),
          correct: Type.Integer(),
          percentCorrect: Type.Union([Type.Integer(), Type.Null()], {
            description: 'null when nobody has answered it yet',
          }),
          discrimination: Type.Union([Type.Number({ minimum: -1, maximum: 1 }), Type.Null()], {
            description:
              'Share right in the top third of attempts by score minus the bottom third (latest attempt per participant); null with fewer than 3 attempts or when the question was not drawn in both thirds',
          }),
          separates: Type.Union([Type.Boolean(), Type.Null()], {
            description:
              'false when the index is below 0.2: the question does not separate stronger from weaker participants',
          }),
        }),
      ),
    }),
  ),
});
export type DashboardBody = Static<typeof Dashboard>;

// ---- Participants: the list, a CSV import with one-time sign-in slips, removal ----

export const ParticipantParams = Type.Object({ id: Uuid, userId: Uuid }, { additionalProperties: false });
export const ImportJsonBody = Type.Object(
  {
    csv: Type.String({
      minLength: 1,
      description:
        'The list: a header line (name; optional email, username, locale) and one person per line, separated by commas, semicolons or tabs; or just one name per line',
    }),
  },
  { additionalProperties: false },
);
export const Slip = SlipSchema;
export type SlipBody = Static<typeof Slip>;
export const ImportRow = Type.Object({
  line: Type.Integer(),
  name: Type.String(),
  status: Type.Union([Type.Literal('listed'), Type.Literal('already_participant')], {
    description:
      'listed: a new account was made, or the existing account with this email was invited (the same answer for both, so an import does not reveal who has an account); already_participant: on the list already',
  }),
});
export const ImportResult = Type.Object({
  listed: Type.Integer({
    description:
      'Rows taken in: new accounts (each with a slip) and invitations to existing accounts, counted together',
  }),
  alreadyParticipants: Type.Integer(),
  rows: Type.Array(ImportRow),
  signInUrl: Type.String(),
  slips: Type.Array(Slip, { description: 'One per new account: how its owner signs in for the first time' }),
});
export type ImportResultBody = Static<typeof ImportResult>;
export const SlipResult = SlipResultSchema;
export const ParticipantList = Type.Object({
  items: Type.Array(
    Type.Object({
      userId: Uuid,
      name: Type.String(),
      email: Type.Union([Type.String(), Type.Null()]),
      username: Type.Union([Type.String(), Type.Null()]),
      joinedAt: Type.String({ format: 'date-time' }),
      canReissueCode: Type.Boolean({
        description:
          'You may print this person a new slip: as a facilitator, for a learner this workshop imported who has not chosen a password; as an admin, for anyone but an admin',
      }),
      firstSignedInAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
        description: 'When the person first signed in; null: never yet',
      }),
      slipUsed: Type.Union([Type.Boolean(), Type.Null()], {
        description:
          'false: they hold a sign-in slip not used yet; true: they used the slip this workshop gave them; null: no slip (they joined by themselves)',
      }),
    }),
  ),
});
