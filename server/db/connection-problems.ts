// What to tell the person starting the server when the database in DATABASE_URL cannot be used: one paragraph
// saying what is wrong and what to do, never a driver stack trace.

const EMBEDDED = 'or unset DATABASE_URL to use the embedded database kept in DATA_DIR';

/** One readable paragraph for a failed first connection to `url` (the password is never repeated). */
export function describeConnectionFailure(url: string, err: unknown): string {
  let host = 'localhost';
  let port = '5432';
  let database = '';
  let user = '';
  try {
    const u = new URL(url);
    host = decodeURIComponent(u.hostname) || host;
    port = u.port || port;
    database = decodeURIComponent(u.pathname.replace(/^\//, ''));
    user = decodeURIComponent(u.username);
  } catch {
    /* keep the defaults: config validation already checked the scheme */
  }
  database ||= user || 'postgres';
  const where = `the PostgreSQL server at ${host}:${port}`;
  const e = rootCause(err);
  switch (e.code) {
    case 'ECONNREFUSED':
      return `Cannot connect to ${where} named in DATABASE_URL: the connection was refused, so no PostgreSQL is listening there. Start PostgreSQL (for example \`sudo systemctl start postgresql\`), correct the host and port in DATABASE_URL, ${EMBEDDED}.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot connect to PostgreSQL: the host name "${host}" in DATABASE_URL could not be found. Correct the host in DATABASE_URL, ${EMBEDDED}.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `Cannot connect to ${where} named in DATABASE_URL: it did not answer. Check that the machine is up and that a firewall lets port ${port} through, correct DATABASE_URL, ${EMBEDDED}.`;
    case '3D000':
      return `The database "${database}" named in DATABASE_URL does not exist on ${where}. Create it (for example \`createdb -h ${host} -p ${port}${user ? ` -U ${user}` : ''} ${database}\`), correct the database name in DATABASE_URL, ${EMBEDDED}.`;
    case '28P01':
    case '28000':
      return `${where[0].toUpperCase()}${where.slice(1)} refused the user${user ? ` "${user}"` : ''} named in DATABASE_URL (authentication failed). Check the user name and password in DATABASE_URL and that this user may connect to "${database}", ${EMBEDDED}.`;
    case '57P03':
      return `${where[0].toUpperCase()}${where.slice(1)} is starting up or shutting down and does not accept connections yet. Wait a moment and start again, ${EMBEDDED}.`;
  }
  if (/timeout exceeded when trying to connect/.test(e.message)) {
    return `Cannot connect to ${where} named in DATABASE_URL: it did not answer within 10 seconds. Check that PostgreSQL runs there and that a firewall lets port ${port} through, correct DATABASE_URL, ${EMBEDDED}.`;
  }
  return `Cannot use the PostgreSQL database "${database}" at ${host}:${port} named in DATABASE_URL: ${e.message.replace(/\s+/g, ' ').trim()}. Check DATABASE_URL and the PostgreSQL server, ${EMBEDDED}.`;
}

function rootCause(err: unknown): { code?: string; message: string } {
  let e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown[] };
  // drizzle wraps the driver error as `cause`; a refused connection to a name with several addresses is an AggregateError.
  for (let depth = 0; depth < 5 && e; depth++) {
    if (typeof e.code === 'string') return { code: e.code, message: String(e.message ?? '') };
    if (Array.isArray(e.errors) && e.errors.length) e = e.errors[0] as typeof e;
    else if (e.cause) e = e.cause as typeof e;
    else break;
  }
  return { message: String((e as { message?: unknown })?.message ?? err) };
}
