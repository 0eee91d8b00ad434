/**
 * The database clients the shell knows (`COMMANDS` in `src/shell/interpreter.ts`):
 * each exists only in containers of its own image family — `mysql` in
 * mysql/mariadb images, `psql` in postgres images, `redis-cli` in redis
 * images. `lookupCommand(name, image)` asks `commandInImage`, so elsewhere
 * they are missing executables (containerd's error from `kubectl exec`,
 * `sh: mysql: not found` inside `sh`).
 */
import type { ShellCommand } from '../shell/types';
import { databaseKind, type DatabaseKind } from './database';
import { redisCli } from './redisCli';
import { mysql, psql } from './sqlClients';

const CLIENT_KIND: Record<string, DatabaseKind> = { mysql: 'mysql', psql: 'postgres', 'redis-cli': 'redis' };

/** False only for a database client asked for in an image of another family. */
export function commandInImage(name: string, image: string): boolean {
  const kind = CLIENT_KIND[name];
  return kind === undefined || databaseKind(image) === kind;
}

/** `mysql`, `psql` and `redis-cli`, by name. */
export const DATABASE_COMMANDS: Record<string, ShellCommand> = { mysql, psql, 'redis-cli': redisCli };
