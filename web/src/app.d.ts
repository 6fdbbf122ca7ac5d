import type { User } from '$server/modules/accounts/accounts.schemas.ts';
import type { Locale } from '$server/i18n/locales.ts';

declare global {
  namespace App {
    interface Error {
      code?: string;
    }
    interface Locals {
      user: User | null;
      locale: Locale;
    }
  }
}
export {};
