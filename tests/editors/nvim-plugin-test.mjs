// tests/editors/nvim-plugin-test.mjs [WORK]
//
// The Neovim plugin of editors/vim (plugin/pathwayc_lsp.lua) and the init.lua
// lines of editors/vim/README.md and docs/editors.md, run in Lua 5.4
// (wasmoon, npm-installed by scripts/setup from tests/editors/package-lock.json
// into WORK, default build/editors) by tests/editors/nvim-plugin-test.lua,
// against a stand-in for Neovim's API: a pathway file starts `pathwayc lsp`
// (from PATH or vim.g.pathwayc_path) with vim.lsp.start for its checkout or
// folder; a missing pathwayc is said once; vim.g.pathwayc_lsp = 0 and
// Neovim 0.7 start nothing.
//
// Prints "ok NAME" or "FAIL NAME" and the reason for each test, then
// "N passed, M failed"; exits 1 on any failure.

import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const TOP = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORK = resolve(process.argv[2] || join(TOP, 'build', 'editors'));

function finish(lines) {
  for (const l of lines) console.log(l);
  const passed = lines.filter((l) => l.startsWith('ok ')).length;
  const failed = lines.filter((l) => l.startsWith('FAIL ')).length;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed || !passed ? 1 : 0);
}

if (!existsSync(join(WORK, 'node_modules', 'wasmoon')))
  finish([`FAIL neovim: ${WORK}/node_modules/wasmoon is missing: run scripts/setup`]);

// The first ```lua block of a Markdown file ('' if none).
function luaBlock(file) {
  const m = /^```lua\n([\s\S]*?)^```$/m.exec(readFileSync(join(TOP, file), 'utf8'));
  return m ? m[1] : '';
}

const require = createRequire(join(WORK, 'package.json'));
const { LuaFactory } = require('wasmoon');
const lua = await new LuaFactory().createEngine();
try {
  lua.global.set('PLUGIN_SRC', readFileSync(join(TOP, 'editors', 'vim', 'plugin', 'pathwayc_lsp.lua'), 'utf8'));
  lua.global.set('README_SRC', luaBlock('editors/vim/README.md'));
  lua.global.set('DOCS_SRC', luaBlock('docs/editors.md'));
  const text = await lua.doString(readFileSync(join(TOP, 'tests', 'editors', 'nvim-plugin-test.lua'), 'utf8'));
  finish(String(text).split('\n'));
} catch (e) {
  finish([`FAIL neovim: the Lua test stopped: ${e && e.message ? e.message : e}`]);
} finally {
  lua.global.close();
}
