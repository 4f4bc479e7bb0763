import { existsSync } from 'node:fs';
import path from 'node:path';

/** The nearest directory at or above `from` holding a package.json. */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/**
 * The project's root directory, the same whether this runs from the sources (lib/) or from the compiled build
 * (dist/lib/): files that are not compiled (prisma/migrations, .tools/bin) are found from here.
 */
export const PROJECT_ROOT = findRoot(__dirname);
