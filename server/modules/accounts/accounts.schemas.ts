import { Type, type Static } from 'typebox';
import { LOCALES, type Locale } from '../../i18n/locales.ts';
import { PersonNameString } from '../../http/text.ts';
import { MAX_PASSWORD_LENGTH } from './passwords.ts';
import { PageNumber } from '../../http/schemas.ts';

export const LocaleSchema = Type.Unsafe<Locale>({ type: 'string', enum: [...LOCALES], description: 'UI locale' });
export const RoleSchema = Type.Union([Type.Literal('learner'), Type.Literal('facilitator'), Type.Literal('admin')]);
const Name = PersonNameString({
  minLength: 1,
  maxLength: 400,
  description:
    'Display name in any script, 1-120 characters after trimming; no control, bidi-override or noncharacters (ZWNJ and ZWJ are fine)',
});
const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH });
const Username = Type.String({
  minLength: 1,
  maxLength: 200,
  description: '3-32 letters (any script), digits, . _ -; unique ignoring case',
});

export const UserSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  username: Type.Union([Type.String(), Type.Null()]),
  role: RoleSchema,
  locale: LocaleSchema,
});
export type User = Static<typeof UserSchema>;

export const PasswordResetNoticeSchema = Type.Object({
  byName: Type.String({ description: 'Who gave this person a new sign-in slip' }),
  at: Type.String({ format: 'date-time' }),
});
export type PasswordResetNotice = Static<typeof PasswordResetNoticeSchema>;
/** After signing in: the person, and once, who reset their password and when (if someone did since they last signed in). */
export const SignedInSchema = Type.Object({
  ...UserSchema.properties,
  passwordReset: Type.Optional(PasswordResetNoticeSchema),
});
export type SignedIn = Static<typeof SignedInSchema>;

/** An email, a username, or both: at least one (checked by the service, with a message that says so). */
export const SignupBody = Type.Object(
  {
    name: Name,
    email: Type.Optional(Type.Union([Email, Type.Literal('')])),
    username: Type.Optional(Username),
    password: Password,
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export type SignupInput = Static<typeof SignupBody>;

const Identifier = Type.String({ minLength: 1, maxLength: 254 });
/** `login` is an email or a username; `email` is the older name of the same field, still accepted. */
export const LoginBody = Type.Object(
  { login: Type.Optional(Identifier), email: Type.Optional(Identifier), password: Password },
  { additionalProperties: false, minProperties: 2 },
);
export type LoginInput = Static<typeof LoginBody>;

export const UpdateMeBody = Type.Object(
  { name: Type.Optional(Name), locale: Type.Optional(LocaleSchema) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMeInput = Static<typeof UpdateMeBody>;

export const ChangeEmailBody = Type.Object(
  { email: Email, currentPassword: Password },
  { additionalProperties: false },
);

/** Whether "Forgot your password?" can send a link by email here (an SMTP server is configured), or people must ask someone. */
export const PasswordResetOptions = Type.Object({ byEmail: Type.Boolean() });
export const ResetRequestBody = Type.Object({ email: Email }, { additionalProperties: false });
/** The same answer whether or not an account has this email. */
export const ResetRequested = Type.Object({
  status: Type.Literal('accepted', { description: 'If an account has this email, a link is on its way' }),
});
export const ResetPasswordBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }), password: Password },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

export const SetupBody = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200 }), name: Name, email: Email, password: Password },
  { additionalProperties: false },
);
export type SetupInput = Static<typeof SetupBody>;
export const SetupStatus = Type.Object({ needed: Type.Boolean() });

export const AdminUsersQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches name or email' })),
    role: Type.Optional(RoleSchema),
    page: PageNumber,
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);
export type AdminUsersFilter = Static<typeof AdminUsersQuery>;
export const AdminUserSchema = Type.Intersect([
  UserSchema,
  Type.Object({ createdAt: Type.String({ format: 'date-time' }) }),
]);
export const AdminUsersPage = Type.Object({
  items: Type.Array(AdminUserSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export const RoleBody = Type.Object({ role: RoleSchema }, { additionalProperties: false });
export type AdminUsersPageBody = Static<typeof AdminUsersPage>;

export const RedeemCodeBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 200 }),
    code: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'As printed; case, spaces and dashes do not matter',
    }),
    password: Password,
  },
  { additionalProperties: false },
);
export type RedeemCodeInput = Static<typeof RedeemCodeBody>;

// ---- Sign-in slips: a one-time code printed for a person (workshop imports, and resets by an admin or facilitator) ----

export const SlipSchema = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  name: Type.String(),
  username: Type.String({
    description: 'What the person types with the code: their username, or their email when they have none',
  }),
  code: Type.String({ description: 'Shown only now: only a hash is kept' }),
  expiresAt: Type.String({ format: 'date-time' }),
  locale: Type.String({ description: "The person's language: the slip is printed in it" }),
});
export type Slip = Static<typeof SlipSchema>;
export const SlipResultSchema = Type.Object({ signInUrl: Type.String(), slips: Type.Array(SlipSchema) });
