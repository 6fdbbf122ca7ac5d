import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Db, DbOrTx } from '../../db/client.ts';
import { actorOf } from '../../http/auth.ts';
import { limits } from '../../http/rate-limit.ts';
import { AppError } from '../../http/errors.ts';
import { errors, IdParams } from '../../http/schemas.ts';
import {
  AdminUsersPage,
  AdminUsersQuery,
  ChangeEmailBody,
  ChangePasswordBody,
  LoginBody,
  PasswordResetOptions,
  RedeemCodeBody,
  ResetPasswordBody,
  ResetRequestBody,
  ResetRequested,
  RoleBody,
  SetupBody,
  SetupStatus,
  SignedInSchema,
  SignupBody,
  SlipResultSchema,
  UpdateMeBody,
  UserSchema,
} from './accounts.schemas.ts';
import * as accounts from './accounts.service.ts';
import type { Mail, Mailer } from '../../mail/mailer.ts';
import { requestResetLink, resetPasswordWithLink } from './password-reset-links.ts';
import { redeemSignInCode, reissueSignInCode, signInPageOf, slipOf } from './sign-in-codes.ts';

export type AccountsOptions = {
  db: Db;
  setupTokens: accounts.SetupTokens;
  /** This install's address, printed on sign-in slips. */
  publicUrl: string;
  /** Called after a person changes their name, in the same transaction (certificates reissue with the new name). */
  onNameChanged?: (tx: DbOrTx, userId: string, name: string) => Promise<void>;
  /** Sends password-reset links; undefined when no SMTP server is configured (people ask a facilitator or an admin). */
  mailer?: Mailer;
};

// Workshops put a whole room behind one address, so the per-address limits are generous;
// the per-account limit is what stops guessing one person's password.
// Attempts count per account, whether its email or its username was typed (resolved before the limit is checked);
// for a name that is no account, per what was typed.
const accountOf = new WeakMap<object, string>();
const typed = (req: { body?: unknown }) =>
  accounts.loginIdentifier((req.body ?? {}) as { login?: string; email?: string });
const accountKey = (req: { body?: unknown }) => `account:${accountOf.get(req) ?? typed(req).toLowerCase()}`;
const usernameKey = (req: { body?: unknown }) =>
  `sign-in-code:${String((req.body as { username?: string })?.username ?? '')
    .normalize('NFC')
    .trim()
    .toLowerCase()}`;

/** Slip codes have 12 characters from 31 (about 7.9 × 10^17): guessing is hopeless, and still limited per username. */
export const SIGN_IN_CODE_LIMITS = {
  perUsername: { max: 10, timeWindow: '15 minutes' },
  perAddress: { max: 300, timeWindow: '15 minutes' },
};

/** Reset links: few per address (each sends a mail to someone's inbox), more per network (a workshop room shares one). */
export const RESET_REQUEST_LIMITS = {
  perEmail: { max: 3, timeWindow: '1 hour' },
  perAddress: { max: 30, timeWindow: '1 hour' },
};
const mailAfterReply = new WeakMap<object, Mail>();
const resetEmailKey = (req: { body?: unknown }) =>
  `reset-email:${String((req.body as { email?: string })?.email ?? '')
    .normalize('NFC')
    .trim()
    .toLowerCase()}`;

export const accountsRoutes: FastifyPluginAsyncTypebox<AccountsOptions> = async (
  app,
  { db, setupTokens, publicUrl, onNameChanged, mailer },
) => {
  const resolveAccount = async (req: FastifyRequest) => {
    const identifier = typed(req);
    const row = identifier ? await accounts.findByIdentifier(db, identifier) : undefined;
    if (row) accountOf.set(req, row.id);
  };
  const signinLimits = limits(app, [
    { max: 100, timeWindow: '1 minute', what: 'sign-in attempts from this network' },
    { max: 10, timeWindow: '15 minutes', key: accountKey, what: 'sign-in attempts for this account' },
  ]);
  const passwordLimits = limits(app, [
    { max: 10, timeWindow: '15 minutes', key: (req) => `password:${req.actor?.id}`, what: 'password attempts' },
  ]);
  const codeLimits = limits(app, [
    { ...SIGN_IN_CODE_LIMITS.perAddress, what: 'sign-in code attempts from this network' },
    { ...SIGN_IN_CODE_LIMITS.perUsername, key: usernameKey, what: 'sign-in code attempts for this username' },
  ]);
  const resetRequestLimits = limits(app, [
    { ...RESET_REQUEST_LIMITS.perAddress, what: 'password reset requests from this network' },
    { ...RESET_REQUEST_LIMITS.perEmail, key: resetEmailKey, what: 'password reset requests for this email' },
  ]);
  const resetLinkLimits = limits(app, [
    { max: 30, timeWindow: '15 minutes', what: 'password reset attempts from this network' },
  ]);
  const signupLimits = limits(app, [{ max: 300, timeWindow: '1 hour', what: 'new accounts from this network' }]);

  app.post(
    '/api/auth/signup',
    {
      config: { access: 'public' },
      preHandler: signupLimits,
      schema: {
        operationId: 'signUp',
        tags: ['auth'],
        summary: 'Create an account and sign in',
        body: SignupBody,
        response: { 201: UserSchema, ...errors(400, 403, 409, 413, 429) },
      },
    },
    async (req, reply) => {
      const user = await accounts.signup(db, req.body);
      await app.setSession(reply, user.id);
      return reply.status(201).send(user);
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      preHandler: [resolveAccount, signinLimits],
      schema: {
        operationId: 'signIn',
        tags: ['auth'],
        summary: 'Sign in with email or username, and password (says once who reset the password, if someone did)',
        body: LoginBody,
        response: { 200: SignedInSchema, ...errors(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const user = await accounts.login(db, req.body);
      await app.setSession(reply, user.id);
      return accounts.signedIn(db, user);
    },
  );

  app.post(
    '/api/auth/sign-in-code',
    {
      config: { access: 'public' },
      preHandler: codeLimits,
      schema: {
        operationId: 'signInWithCode',
        tags: ['auth'],
        summary:
          'Use a one-time sign-in code from a slip: set a password and sign in (the code then stops working; other devices are signed out)',
        body: RedeemCodeBody,
        response: { 200: SignedInSchema, ...errors(400, 410, 429) },
      },
    },
    async (req, reply) => {
      const user = await redeemSignInCode(db, req.body);
      await app.setSession(reply, user.id);
      return accounts.signedIn(db, user);
    },
  );

  app.get(
    '/api/auth/password-reset',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getPasswordResetOptions',
        tags: ['auth'],
        summary: 'Whether a forgotten password can be reset by email here (an SMTP server is configured)',
        response: { 200: PasswordResetOptions },
      },
    },
    async () => ({ byEmail: !!mailer }),
  );

  app.post(
    '/api/auth/password-reset',
    {
      config: { access: 'public' },
      preHandler: resetRequestLimits,
      // Sent once the answer is out: waiting for the mail server would make the answer slower exactly when the account
      // exists, and a mail server error must not tell the asker anything either. A failure is logged for the operator.
      onResponse: async (req) => {
        const mail = mailAfterReply.get(req);
        if (mail && mailer)
          mailer.send(mail).catch((err: unknown) => req.log.error({ err }, 'password reset mail could not be sent'));
      },
      schema: {
        operationId: 'requestPasswordReset',
        tags: ['auth'],
        summary:
          'Ask for a password reset link by email: the same answer whether or not an account has this email (404 when this install sends no mail)',
        body: ResetRequestBody,
        response: { 202: ResetRequested, ...errors(400, 404, 429) },
      },
    },
    async (req, reply) => {
      if (!mailer) {
        throw new AppError(
          404,
          'auth.reset_by_email_off',
          'This site does not send email. Ask your facilitator or an admin of this site for a new sign-in slip.',
        );
      }
      const mail = await requestResetLink(db, req.body.email, publicUrl);
      if (mail) mailAfterReply.set(req, mail);
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    {
      config: { access: 'public' },
      preHandler: resetLinkLimits,
      schema: {
        operationId: 'confirmPasswordReset',
        tags: ['auth'],
        summary:
          'Set a new password with the token from a reset link: the link stops working and every session of the person ends (they then sign in)',
        body: ResetPasswordBody,
        response: { 204: Type.Null(), ...errors(400, 410, 429) },
      },
    },
    async (req, reply) => {
      await resetPasswordWithLink(db, req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      // 'optional': the guard verifies the cookie, so the session it names can be ended.
      config: { access: 'optional' },
      schema: {
        operationId: 'signOut',
        tags: ['auth'],
        summary: "Sign out: this device's session ends (a copy of the cookie stops working too)",
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await app.endSession(req, reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getMe',
        tags: ['account'],
        summary: 'The signed-in person',
        response: { 200: UserSchema, ...errors(401) },
      },
    },
    async (req) => accounts.getMe(db, actorOf(req)),
  );

  app.patch(
    '/api/me',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'updateMe',
        tags: ['account'],
        summary: 'Change my name or language',
        body: UpdateMeBody,
        response: { 200: UserSchema, ...errors(400, 401) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      // The new name and the certificates reissued for it are written together, or neither is.
      return db.transaction(async (tx) => {
        const before = await accounts.getMe(tx, actor);
        const user = await accounts.updateMe(tx, actor, req.body);
        if (onNameChanged && user.name !== before.name) await onNameChanged(tx, user.id, user.name);
        return user;
      });
    },
  );

  app.put(
    '/api/me/password',
    {
      config: { access: 'user' },
      preHandler: passwordLimits,
      schema: {
        operationId: 'changePassword',
        tags: ['account'],
        summary: 'Change my password: every other device is signed out, this one stays signed in',
        body: ChangePasswordBody,
        response: { 204: Type.Null(), ...errors(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await accounts.changePassword(db, actor, req.body);
      await app.setSession(reply, actor.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/me/email',
    {
      config: { access: 'user' },
      preHandler: passwordLimits,
      schema: {
        operationId: 'changeEmail',
        tags: ['account'],
        summary:
          'Add or change my email (my current password is required; an email another account uses is refused with 409)',
        body: ChangeEmailBody,
        response: { 200: UserSchema, ...errors(400, 401, 409, 429) },
      },
    },
    async (req) => accounts.changeEmail(db, actorOf(req), req.body),
  );

  app.get(
    '/api/admin/users',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'listUsers',
        tags: ['admin'],
        summary: 'People, paged and searchable',
        querystring: AdminUsersQuery,
        response: { 200: AdminUsersPage, ...errors(400, 401, 403) },
      },
    },
    async (req) => accounts.listUsers(db, actorOf(req), req.query),
  );

  app.patch(
    '/api/admin/users/:id',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'updateUser',
        tags: ['admin'],
        summary: "Change a person's role",
        params: IdParams,
        body: RoleBody,
        response: { 200: UserSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => accounts.setRole(db, actorOf(req), req.params.id, req.body.role),
  );

  app.post(
    '/api/admin/users/:id/sign-in-code',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'createUserSignInCode',
        tags: ['admin'],
        summary:
          "Reset a person's password with a new one-time sign-in slip (not for admins): they are signed out everywhere and told at their next sign-in",
        params: IdParams,
        response: { 201: SlipResultSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const issued = await reissueSignInCode(db, { actor: actorOf(req), workshopId: null }, req.params.id);
      return reply.status(201).send({ signInUrl: signInPageOf(publicUrl), slips: [slipOf(issued)] });
    },
  );

  app.get(
    '/api/setup',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getSetupStatus',
        tags: ['setup'],
        summary: 'Whether the first admin still has to be created',
        response: { 200: SetupStatus },
      },
    },
    async () => ({ needed: await accounts.setupNeeded(db) }),
  );

  app.post(
    '/api/setup',
    {
      config: { access: 'public' },
      preHandler: signinLimits,
      schema: {
        operationId: 'completeSetup',
        tags: ['setup'],
        summary: 'Create the first admin with the one-time setup token',
        body: SetupBody,
        response: { 201: UserSchema, ...errors(400, 403, 409, 429) },
      },
    },
    async (req, reply) => {
      const user = await accounts.completeSetup(db, setupTokens, req.body);
      await app.setSession(reply, user.id);
      return reply.status(201).send(user);
    },
  );
};
