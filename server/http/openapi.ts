// Adjustments to the generated OpenAPI document.

type Parameter = { in?: string; required?: boolean; schema?: { default?: unknown } };
type Operation = { parameters?: Parameter[] };

/**
 * A query or header parameter with a default need not be sent. Our TypeBox schemas list such
 * properties as required so that validation fills the default in; @fastify/swagger copies that
 * into `required: true`, which would make clients send them. Path parameters stay required.
 */
export function optionalDefaultedParameters<T extends { paths?: object }>(doc: T): T {
  for (const ops of Object.values(doc.paths ?? {}) as Record<string, Operation>[]) {
    for (const op of Object.values(ops ?? {})) {
      for (const p of op?.parameters ?? []) {
        if (p.in !== 'path' && p.schema?.default !== undefined && p.required) delete p.required;
      }
    }
  }
  return doc;
}
