// Small helpers the page scripts share. Each script is bundled on its own, with only what it imports.

/** `template` with each {name} replaced by its value; names without a value stay as written. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? String(values[name]) : all));
}

/** The signed-in person's id, as the layout's offline banner carries it ('' for nobody). */
export function signedInUser(): string {
  return document.querySelector('[data-offline-banner]')?.getAttribute('data-user') ?? '';
}
