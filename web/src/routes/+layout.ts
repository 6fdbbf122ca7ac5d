// Pages are server-rendered forms; no page ships JavaScript unless it turns csr on for itself.
export const csr = false;
