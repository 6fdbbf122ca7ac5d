import { Type, type Static } from 'typebox';
import { LOCALES, type Locale } from '../../i18n/locales.ts';
import { PersonNameString } from '../../http/text.ts';
import { MAX_PASSWORD_LENGTH } from './passwords.ts';

export const LocaleSchema = Type.Unsafe<Locale>({ type: 'string', enum: [...LOCALES], description: 'UI locale' });
export const RoleSchema = Type.Union([Type.Literal('learner'), Type.Literal('facilitator'), Type.Literal('admin')]);
const Name = PersonNameString({ minLength: 1, maxLength: 400, description: 'Display name in any script, 1-120 characters after trimming; no control, bidi-override or noncharacters (ZWNJ and ZWJ are fine)' });
const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH });
const Username = Type.String({ minLength: 1, maxLength: 200, description: '3-32 letters (any script), digits, . _ -; unique ignoring case' });

export const UserSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  username: Type.Union([Type.String(), Type.Null()]),
  role: RoleSchema,
  locale: LocaleSchema,
});
export type User = Static<typeof UserSchema>;

/** An email, a username, or both: at least one (checked by the service, with a message that says so). */
export const SignupBody = Type.Object(
  { name: Name, email: Type.Optional(Type.Union([Email, Type.Literal('')])), username: Type.Optional(Username), password: Password, locale: Type.Optional(LocaleSchema) },
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

export const UpdateMeBody = Type.Object({ name: Type.Optional(Name), locale: Type.Optional(LocaleSchema) }, { additionalProperties: false, minProperties: 1 });
export type UpdateMeInput = Static<typeof UpdateMeBody>;

export const ChangePasswordBody = Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false });

export const SetupBody = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }), name: Name, email: Email, password: Password }, { additionalProperties: false });
export type SetupInput = Static<typeof SetupBody>;
export const SetupStatus = Type.Object({ needed: Type.Boolean() });

export const AdminUsersQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches name or email' })),
    role: Type.Optional(RoleSchema),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);
export type AdminUsersFilter = Static<typeof AdminUsersQuery>;
export const AdminUserSchema = Type.Intersect([UserSchema, Type.Object({ createdAt: Type.String({ format: 'date-time' }) })]);
export const AdminUsersPage = Type.Object({ items: Type.Array(AdminUserSchema), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export const RoleBody = Type.Object({ role: RoleSchema }, { additionalProperties: false });
export type AdminUsersPageBody = Static<typeof AdminUsersPage>;

export const RedeemCodeBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 200 }), code: Type.String({ minLength: 1, maxLength: 40, description: 'As printed; case, spaces and dashes do not matter' }), password: Password },
  { additionalProperties: false },
);
export type RedeemCodeInput = Static<typeof RedeemCodeBody>;
