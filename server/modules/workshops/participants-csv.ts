// Reading a facilitator's participant list, UTF-8: a CSV with a header (name; optional email, username, locale), separated
// by commas, semicolons (European Excel) or tabs (a paste from a spreadsheet), or a plain list of names, one per line.
// Pure: every problem is collected with its line number, so the whole file can be refused with all of them at once.
import { parse, CsvError } from 'csv-parse/sync';
import { AppError, BadRequest } from '../../http/errors.ts';
import { isLocale, LOCALES, type Locale } from '../../i18n/locales.ts';
import { MAX_NAME_LENGTH, normaliseName } from '../accounts/accounts.service.ts';
import { normaliseUsername, usernameProblem } from '../accounts/usernames.ts';

export const MAX_IMPORT_ROWS = 2000;
export const IMPORT_COLUMNS = ['name', 'email', 'username', 'locale'] as const;
type Column = (typeof IMPORT_COLUMNS)[number];

export type CsvProblem = { line: number; code: string; message: string; params: Record<string, string | number> };
export type ParsedPerson = {
  line: number;
  name: string;
  email: string | null;
  username: string | null;
  locale: Locale | null;
};

const NAME_PROBLEMS: Record<string, string> = {
  'auth.name_required': 'the name is empty',
  'auth.name_too_long': `the name is longer than ${MAX_NAME_LENGTH} characters`,
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const problem = (
  line: number,
  code: string,
  message: string,
  params: Record<string, string | number> = {},
): CsvProblem => ({ line, code, message, params: { line, ...params } });

/** UTF-8 text, or the lines that are not (a spreadsheet saving "ANSI" or UTF-16 is the usual cause). */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { problems: CsvProblem[] } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      problems: [
        problem(1, 'csv.utf16', 'line 1: the file is saved as UTF-16; save it as "CSV UTF-8" and upload it again'),
      ],
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const lines = new TextDecoder('utf-8').decode(bytes).split('\n');
    const bad = lines.flatMap((l, i) => (l.includes('\uFFFD') ? [i + 1] : []));
    return {
      problems: bad.map((line) =>
        problem(
          line,
          'csv.encoding',
          `line ${line}: this line is not UTF-8 text; save the file as "CSV UTF-8" and upload it again`,
        ),
      ),
    };
  }
}

function readHeader(cells: string[]): { columns: (Column | null)[]; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const seen = new Set<string>();
  const columns = cells.map((cell) => {
    const name = cell.trim().toLowerCase();
    if (!(IMPORT_COLUMNS as readonly string[]).includes(name)) {
      problems.push(
        problem(
          1,
          'csv.unknown_column',
          `line 1: unknown column "${cell}"; the columns are name, email, username and locale`,
          { column: cell },
        ),
      );
      return null;
    }
    if (seen.has(name))
      problems.push(problem(1, 'csv.duplicate_column', `line 1: the column "${name}" appears twice`, { column: name }));
    seen.add(name);
    return name as Column;
  });
  if (!seen.has('name'))
    problems.push(
      problem(
        1,
        'csv.no_name_column',
        'line 1: the first line must name the columns, with at least "name" (and optionally email, username, locale)',
      ),
    );
  return { columns, problems };
}

type CsvRecord = { record: string[]; info: { lines: number } };
export type Delimiter = ',' | ';' | '\t';
/** Tab first: a name never holds one, so a plain list of names (which may hold commas) reads as one column with it. */
const DELIMITERS: Delimiter[] = ['\t', ';', ','];

function readWith(text: string, delimiter: Delimiter): { records: CsvRecord[] } | { error: CsvError } {
  try {
    const options = {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
    } as const;
    return { records: parse(text, options) as unknown as CsvRecord[] };
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    return { error: err };
  }
}

const isColumn = (cell: string) => (IMPORT_COLUMNS as readonly string[]).includes(cell.trim().toLowerCase());

/**
 * How the file is laid out. A first line naming "name" is a header, and the delimiter is the one that splits it into
 * the most known column names. Without one, a file that a delimiter splits evenly into columns is a table missing its
 * header (said so), and a file whose every line is one value is a list of names (a stray comma in a name is fine).
 * Anything else is read with commas, so its problems can be named.
 */
export function detectLayout(text: string): { delimiter: Delimiter; header: boolean } {
  const reads = DELIMITERS.map((delimiter) => ({ delimiter, ...readWith(text, delimiter) }));
  const readable = reads.flatMap((r) =>
    'records' in r && r.records.length ? [{ delimiter: r.delimiter, records: r.records }] : [],
  );
  const known = (r: (typeof readable)[number]) => r.records[0].record.filter(isColumn).length;
  const withHeader = readable.filter((r) => r.records[0].record.some((c) => c.trim().toLowerCase() === 'name'));
  if (withHeader.length)
    return { delimiter: withHeader.reduce((a, b) => (known(b) > known(a) ? b : a)).delimiter, header: true };
  const even = readable.find(
    (r) => r.records[0].record.length > 1 && r.records.every((x) => x.record.length === r.records[0].record.length),
  );
  if (even) return { delimiter: even.delimiter, header: true };
  const oneColumn = readable.find((r) => r.records.every((x) => x.record.length === 1));
  if (oneColumn) return { delimiter: oneColumn.delimiter, header: false };
  return { delimiter: ',', header: true };
}

/** A reading error in plain words: which line, and what to change. */
function syntaxProblem(err: CsvError): CsvProblem {
  const line = (err as CsvError & { lines?: number }).lines ?? 1;
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    return problem(
      line,
      'csv.quote_not_closed',
      `line ${line}: a quotation mark (") opens a value that is never closed; remove it, or close it after the value`,
    );
  }
  return problem(line, 'csv.syntax', `line ${line}: this line cannot be read (${err.message})`, {
    detail: err.message,
  });
}

/** Every person in the file, or every problem in it. Duplicates are checked within the file; the database is the caller's. */
export function parseParticipantsCsv(text: string): {
  people: ParsedPerson[];
  problems: CsvProblem[];
  delimiter: Delimiter;
  header: boolean;
} {
  const { delimiter, header: hasHeader } = detectLayout(text);
  const layout = { delimiter, header: hasHeader };
  const read = readWith(text, delimiter);
  if ('error' in read) return { people: [], problems: [syntaxProblem(read.error)], ...layout };
  const records = read.records;
  if (!records.length)
    return {
      people: [],
      problems: [
        problem(
          1,
          'csv.empty',
          'line 1: the file is empty; give one name per line, or a first line naming the columns (name, email, username, locale)',
        ),
      ],
      ...layout,
    };
  let columns: (Column | null)[] = ['name'];
  let rows = records;
  const problems: CsvProblem[] = [];
  if (hasHeader) {
    const [header, ...rest] = records;
    if (!header.record.some(isColumn)) {
      const first = header.record.join(' | ');
      return {
        people: [],
        problems: [
          problem(
            header.info.lines,
            'csv.no_header',
            `line ${header.info.lines}: the first line should name the columns (for example name and email), but it reads "${first}". Add such a line at the top, or give only one name per line`,
            { first },
          ),
        ],
        ...layout,
      };
    }
    const read = readHeader(header.record);
    if (read.problems.length) return { people: [], problems: read.problems, ...layout };
    columns = read.columns;
    rows = rest;
    if (!rows.length)
      return {
        people: [],
        problems: [problem(1, 'csv.no_rows', 'line 1: the file names the columns but lists nobody')],
        ...layout,
      };
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    const line = rows[MAX_IMPORT_ROWS].info.lines;
    return {
      people: [],
      problems: [
        problem(
          line,
          'csv.too_many',
          `line ${line}: more than ${MAX_IMPORT_ROWS} people in one file; split it into smaller files`,
          { max: MAX_IMPORT_ROWS },
        ),
      ],
      ...layout,
    };
  }

  const firstLineOf = { email: new Map<string, number>(), username: new Map<string, number>() };
  const people: ParsedPerson[] = [];
  for (const { record, info } of rows) {
    const line = info.lines;
    if (record.length !== columns.length) {
      problems.push(
        problem(
          line,
          'csv.field_count',
          `line ${line}: ${record.length} values, but the first line names ${columns.length} columns`,
          { got: record.length, want: columns.length },
        ),
      );
      continue;
    }
    const cell = (c: Column) => record[columns.indexOf(c)] ?? '';
    const person: ParsedPerson = { line, name: '', email: null, username: null, locale: null };
    try {
      person.name = normaliseName(cell('name'));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // The character rule's own message (which character, where), the same as at sign-up.
      const params = (err.details as { params?: Record<string, string | number> }[] | undefined)?.[0]?.params ?? {};
      problems.push(
        problem(line, `csv.${err.code.split('.')[1]}`, `line ${line}: ${NAME_PROBLEMS[err.code] ?? err.message}`, {
          max: MAX_NAME_LENGTH,
          ...params,
        }),
      );
    }
    const email = cell('email');
    if (email) {
      if (!EMAIL.test(email) || email.length > 254)
        problems.push(
          problem(line, 'csv.email_invalid', `line ${line}: "${email}" is not an email address`, { value: email }),
        );
      else person.email = email;
    }
    const username = normaliseUsername(cell('username'));
    if (username) {
      const bad = usernameProblem(username);
      if (bad)
        problems.push(
          problem(line, `csv.${bad.code.split('.')[1]}`, `line ${line}: "${username}": ${bad.message}`, {
            value: username,
          }),
        );
      else person.username = username;
    }
    const locale = cell('locale').toLowerCase();
    if (locale) {
      if (isLocale(locale)) person.locale = locale;
      else
        problems.push(
          problem(
            line,
            'csv.locale_unknown',
            `line ${line}: unknown language "${cell('locale')}"; use one of ${LOCALES.join(', ')}`,
            { value: cell('locale'), choices: LOCALES.join(', ') },
          ),
        );
    }
    for (const kind of ['email', 'username'] as const) {
      const value = person[kind]?.toLowerCase();
      if (!value) continue;
      const first = firstLineOf[kind].get(value);
      if (first)
        problems.push(
          problem(line, `csv.duplicate_${kind}`, `line ${line}: the ${kind} ${person[kind]} is also on line ${first}`, {
            value: person[kind]!,
            first,
          }),
        );
      else firstLineOf[kind].set(value, line);
    }
    people.push(person);
  }
  return { people, problems, ...layout };
}

/** One 400 for the whole file: the message lists every problem as `line N: ...`; details carry them for translation. */
export function csvRefused(problems: CsvProblem[]) {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  return BadRequest(
    'workshops.csv_invalid',
    `Nobody was added: the file has ${sorted.length} problem(s). ${sorted.map((p) => p.message.replace(/\.$/, '')).join('; ')}.`,
    { problems: sorted },
  );
}
