// The one rule for a person's name, wherever it enters (sign-up, PATCH /api/me, setup, CSV import, admin:create):
// letters and marks of every script, spaces, punctuation, emoji and ZWNJ/ZWJ are welcome; characters that are
// invisible or can reorder what a reader sees (controls, bidi overrides, noncharacters, U+FFFD from bad UTF-8)
// are refused with a message naming the character and where it is. The JSON schemas carry the rule as the ajv
// keyword `x-person-name`; the CSV import and the services call `personNameProblem` directly.
import { Type, type TStringOptions } from 'typebox';

export const PERSON_NAME_KEYWORD = 'x-person-name';

const C0_NAMES = [
  'NULL',
  'START OF HEADING',
  'START OF TEXT',
  'END OF TEXT',
  'END OF TRANSMISSION',
  'ENQUIRY',
  'ACKNOWLEDGE',
  'BELL',
  'BACKSPACE',
  'CHARACTER TABULATION',
  'LINE FEED',
  'LINE TABULATION',
  'FORM FEED',
  'CARRIAGE RETURN',
  'SHIFT OUT',
  'SHIFT IN',
  'DATA LINK ESCAPE',
  'DEVICE CONTROL ONE',
  'DEVICE CONTROL TWO',
  'DEVICE CONTROL THREE',
  'DEVICE CONTROL FOUR',
  'NEGATIVE ACKNOWLEDGE',
  'SYNCHRONOUS IDLE',
  'END OF TRANSMISSION BLOCK',
  'CANCEL',
  'END OF MEDIUM',
  'SUBSTITUTE',
  'ESCAPE',
  'INFORMATION SEPARATOR FOUR',
  'INFORMATION SEPARATOR THREE',
  'INFORMATION SEPARATOR TWO',
  'INFORMATION SEPARATOR ONE',
];
const C1_NAMES = [
  'PADDING CHARACTER',
  'HIGH OCTET PRESET',
  'BREAK PERMITTED HERE',
  'NO BREAK HERE',
  'INDEX',
  'NEXT LINE',
  'START OF SELECTED AREA',
  'END OF SELECTED AREA',
  'CHARACTER TABULATION SET',
  'CHARACTER TABULATION WITH JUSTIFICATION',
  'LINE TABULATION SET',
  'PARTIAL LINE FORWARD',
  'PARTIAL LINE BACKWARD',
  'REVERSE LINE FEED',
  'SINGLE SHIFT TWO',
  'SINGLE SHIFT THREE',
  'DEVICE CONTROL STRING',
  'PRIVATE USE ONE',
  'PRIVATE USE TWO',
  'SET TRANSMIT STATE',
  'CANCEL CHARACTER',
  'MESSAGE WAITING',
  'START OF GUARDED AREA',
  'END OF GUARDED AREA',
  'START OF STRING',
  'SINGLE GRAPHIC CHARACTER INTRODUCER',
  'SINGLE CHARACTER INTRODUCER',
  'CONTROL SEQUENCE INTRODUCER',
  'STRING TERMINATOR',
  'OPERATING SYSTEM COMMAND',
  'PRIVACY MESSAGE',
  'APPLICATION PROGRAM COMMAND',
];
const FORMAT_NAMES: Record<number, string> = {
  0x061c: 'ARABIC LETTER MARK',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
};

type Kind = 'control' | 'replacement' | 'surrogate' | 'noncharacter';

/** Why a code point may not be in a name (with its Unicode name), or null when it may. */
function refusal(cp: number): { kind: Kind; name: string } | null {
  if (cp < 0x20) return { kind: 'control', name: C0_NAMES[cp] };
  if (cp === 0x7f) return { kind: 'control', name: 'DELETE' };
  if (cp >= 0x80 && cp <= 0x9f) return { kind: 'control', name: C1_NAMES[cp - 0x80] };
  if (FORMAT_NAMES[cp]) return { kind: 'control', name: FORMAT_NAMES[cp] };
  if (cp === 0xfffd) return { kind: 'replacement', name: 'REPLACEMENT CHARACTER' };
  if (cp >= 0xd800 && cp <= 0xdfff)
    return { kind: 'surrogate', name: cp < 0xdc00 ? 'HIGH SURROGATE' : 'LOW SURROGATE' };
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return { kind: 'noncharacter', name: 'NONCHARACTER' };
  return null;
}

const WHAT: Record<Kind, string> = {
  control: 'an invisible control character',
  replacement: 'a replacement character, which is what text saved in another encoding than UTF-8 turns into',
  surrogate: 'half of a character (an unpaired surrogate)',
  noncharacter: 'a noncharacter, which is never part of text',
};

export type NameProblem = { code: 'auth.name_invalid'; message: string; character: string; position: number };

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first character a name may not contain, as a message a person can act on; positions count characters from 1. */
export function personNameProblem(text: string): NameProblem | null {
  let position = 0;
  for (const ch of text) {
    position++;
    const cp = ch.codePointAt(0)!;
    const why = refusal(cp);
    if (!why) continue;
    const character = `${hex(cp)} ${why.name}`;
    return {
      code: 'auth.name_invalid',
      character,
      position,
      message: `The name contains ${WHAT[why.kind]} (${character}) at position ${position}. Remove it and try again.`,
    };
  }
  return null;
}

/** A name stored before the rule existed, made printable: the refused characters dropped, NFC, trimmed. */
export function printableName(text: string): string {
  let out = '';
  for (const ch of text) if (!refusal(ch.codePointAt(0)!)) out += ch;
  return out.normalize('NFC').trim();
}

/** A TypeBox string that ajv checks with the name rule (see registerValidation). */
export const PersonNameString = (options: TStringOptions = {}) =>
  Type.String({ ...options, [PERSON_NAME_KEYWORD]: true } as TStringOptions);

/** The ajv keyword: refuses with the rule's own message (the error handler answers it as `auth.name_invalid`). */
export const personNameKeyword = {
  keyword: PERSON_NAME_KEYWORD,
  type: 'string' as const,
  schemaType: 'boolean' as const,
  errors: true,
  validate: function validatePersonName(this: unknown, enabled: boolean, data: string): boolean {
    if (!enabled) return true;
    const problem = personNameProblem(data);
    if (!problem) return true;
    (validatePersonName as unknown as { errors: object[] }).errors = [
      {
        keyword: PERSON_NAME_KEYWORD,
        message: problem.message,
        params: { character: problem.character, position: problem.position },
      },
    ];
    return false;
  },
};
