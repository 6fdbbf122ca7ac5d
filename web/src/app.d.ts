// The typings of the untyped credential packages, for the server code the pages import ($server).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- a .d.ts of ambient module declarations is brought in by reference, not import
/// <reference path="../../server/modules/certificates/vendor.d.ts" />
import type { Answer } from '$lib/api/answers.ts';
import type { Locale } from '$server/i18n/locales.ts';

declare global {
  namespace App {
    interface Error {
      code?: string;
    }
    interface Locals {
      /** The signed-in person, as the API's /api/me answers. */
      user: Answer<'getMe'> | null;
      locale: Locale;
      /** Lowest video quality and no preview pictures: the person's choice, else the browser's Save-Data / slow-connection hint. */
      dataSaver: boolean;
    }
  }
}
export {};
