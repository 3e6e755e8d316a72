/* support/tests.mjs — what the tests share: where the repository and pathwayc
 * are, the tables pathwayc builds from the repository's pathways (built
 * once, into a temporary directory), and running pathwayc. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
/* the top of the repository: runtime/js/support/../../.. */
export const TOP = path.resolve(HERE, '..', '..', '..');
export const PATHWAYC = process.env.PATHWAYC || path.join(TOP, 'build', 'pathwayc');
export const HAVE_PATHWAYC = fs.existsSync(PATHWAYC);
export const SKIP = HAVE_PATHWAYC ? false : `no ${PATHWAYC} (make build, or set PATHWAYC)`;

let tmp = null;
export function tmpDir() {
  if (!tmp) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-js-'));
    process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  }
  return tmp;
}

/* Builds the tables of the .pathway files into dir (under the temporary
 * directory); returns the paths of the tables, sorted. */
export function buildTables(name, files) {
  const dir = path.join(tmpDir(), name);
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir);
    execFileSync(PATHWAYC, ['build', '--emit', 'json', '-o', dir, ...files],
      { stdio: ['ignore', 'ignore', 'pipe'] });
  }
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));
}

export function pathwayFiles(dir) {
  return fs.readdirSync(path.join(TOP, dir)).filter((f) => f.endsWith('.pathway')).sort()
    .map((f) => path.join(TOP, dir, f));
}

/* Every table of pathways/ and tests/runtime/. */
export function allTables() {
  return buildTables('all', [...pathwayFiles('pathways'), ...pathwayFiles('tests/runtime')]);
}

export const EPOCH = 1700000000;

/* pathwayc run with input lines, the clock at EPOCH: {status, stdout, stderr}. */
export function run(args, lines) {
  const r = spawnSync(PATHWAYC, ['run', ...args], {
    input: lines.map((l) => l + '\n').join(''),
    env: { ...process.env, SOURCE_DATE_EPOCH: String(EPOCH) },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/* A small deterministic random number generator (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296 * n) | 0;
  };
}
