/**
 * Prints figures of the code's shape: the files at the top of `src/services`, the import arrows
 * between service files and how many of them cross a feature folder, the features each feature
 * depends on, and the largest source files.
 *   npx tsx scripts/architecture.ts [root]
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? '.');
const src = path.join(root, 'src');
const services = path.join(src, 'services');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'generated') return [];
    if (statSync(full).isDirectory()) return walk(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,]+?\s+from\s+)?['"](\.[^'"]+)['"]/gu;

/** The files a file imports (relative imports only, resolved to .ts paths). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => {
    const target = path.resolve(path.dirname(file), match[1] ?? '');
    return target.endsWith('.js') ? `${target.slice(0, -3)}.ts` : target;
  });
}

/** `circles` for src/services/circles/x.ts; null for a file at the top of src/services. */
function featureOf(file: string): string | null {
  const relative = path.relative(services, file);
  const parts = relative.split(path.sep);
  return parts.length > 1 && !relative.startsWith('..') ? (parts[0] ?? null) : null;
}

const files = walk(src);
const serviceFiles = files.filter((file) => file.startsWith(services + path.sep));
const top = serviceFiles.filter((file) => path.dirname(file) === services);
let arrows = 0;
let crossing = 0;
const dependsOn = new Map<string, Set<string>>();
for (const file of serviceFiles) {
  for (const target of new Set(importsOf(file))) {
    if (!target.startsWith(services + path.sep)) continue;
    arrows += 1;
    const from = featureOf(file);
    const to = featureOf(target);
    if (from === null || to === null || from !== to) crossing += 1;
    if (from !== null && to !== null && from !== to) {
      dependsOn.set(from, (dependsOn.get(from) ?? new Set()).add(to));
    }
  }
}
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').length;

console.log(`files at the top of src/services: ${top.length}`);
console.log(`import arrows between service files: ${arrows}`);
console.log(`of which cross a feature folder (or start or end at the top): ${crossing}`);
for (const [feature, targets] of [...dependsOn].sort()) {
  console.log(`  ${feature} -> ${[...targets].sort().join(', ')}`);
}
console.log('largest source files (lines):');
for (const file of [...files].sort((a, b) => lines(b) - lines(a)).slice(0, 8)) {
  console.log(`  ${String(lines(file)).padStart(5)}  ${path.relative(root, file)}`);
}
