// Data saver: the lowest video quality and no preview pictures.
export const DATA_SAVER_COOKIE = 'data_saver';

/** The person's choice wins; without one, the browser's Save-Data header or a 2G effective connection turns it on. */
export function dataSaverFor(choice: string | undefined, headers: Headers): boolean {
  if (choice === 'on' || choice === 'off') return choice === 'on';
  return headers.get('save-data')?.toLowerCase() === 'on' || /^(slow-2g|2g)$/.test(headers.get('ect') ?? '');
}
