// npm run admin:create -- --email E --name N --password P : makes a new admin, or promotes the person with that email.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../server/config.ts';
import { DatabaseStartError, migrate, openDatabase } from '../server/db/client.ts';
import { AppError } from '../server/http/errors.ts';
import { createOrPromoteAdmin } from '../server/modules/accounts/accounts.service.ts';

const usage = 'Usage: npm run admin:create -- --email you@example.org --name "Your Name" --password "a long password"';
let values;
try {
  ({ values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
  }));
} catch (err) {
  console.error(`${(err as Error).message}\n${usage}`);
  process.exit(2);
}
const { email, name, password } = values;
if (!email || !name || !password || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
  console.error(`Please give a valid --email, a --name and a --password.\n${usage}`);
  process.exit(2);
}

try {
  const database = await openDatabase(loadConfig());
  try {
    await migrate(database);
    const { user, created } = await createOrPromoteAdmin(database.db, { email, name, password });
    console.log(`${created ? 'Created admin' : 'Promoted to admin'}: ${user.name} <${user.email}>`);
  } finally {
    await database.close();
  }
} catch (err) {
  if (err instanceof DatabaseStartError || err instanceof ConfigError) console.error(err.message);
  else if (err instanceof AppError) console.error(`Could not create the admin: ${err.message}`);
  else throw err;
  process.exit(1);
}
