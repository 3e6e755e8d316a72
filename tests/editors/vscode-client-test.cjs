// tests/editors/vscode-client-test.cjs [WORK] [--write-fixture] [--server PATHWAYC]
//
// The VS Code extension's client (editors/vscode/extension.js), with no VS
// Code: `vscode` is the stand-in of tests/editors/vscode-stub.cjs. WORK
// (default build/vscode) holds the extension's own node_modules, installed by
// scripts/setup from editors/vscode/package-lock.json (`npm ci --omit=dev`,
// as an author installs it).
//
// - The manifest: extension.js as its main, started by a pathway file,
//   vscode-languageclient pinned to one 9.x release in package.json and in
//   package-lock.json, the VS Code it needs, the setting pathway.server.path
//   (default pathwayc); node_modules kept out of git.
// - With a stand-in LanguageClient: activate() starts one client, for the
//   command of pathway.server.path (found on PATH, or a path) with the
//   argument lsp over stdio, for pathway files on disk and untitled; a
//   command that is not there gives the author the message "pathwayc was not
//   found: install it or set pathway.server.path" and starts nothing;
//   changing the setting restarts the server; deactivate() stops it.
// - With the real vscode-languageclient, against tests/editors/
//   fake-lsp-server.cjs started as `pathwayc lsp` from PATH: it initializes,
//   sends a pathway file opened and each change to it (not a file of another
//   language), shows the diagnostics the server publishes, and at the end
//   shuts the server down. The initialize request it sends (its
//   ClientCapabilities; processId made null) is tests/lsp/vscode-initialize.json,
//   which the scripted LSP client of tests/lsp replays to `pathwayc lsp`;
//   --write-fixture writes that file again (after the lock changes).
// - With --server PATHWAYC, the real client against the real `PATHWAYC lsp`
//   as well: it starts; tests/outputs/small.pathway opened gets diagnostics
//   and no error; `next level` misspelt `levle` as you type is an error at
//   the misspelt name, and typing it right clears it; completion after
//   `next ` offers the nodes; renaming the step `refer` renames every use,
//   keeps `replaces refer` in the step, and leaves no error; deactivate()
//   stops it.
//   PATHWAY_TRACE=verbose puts the protocol in a failure's output panel.
//
// Prints "ok NAME" or "FAIL NAME" and the reason for each test, then
// "N passed, M failed"; exits 1 on any failure.

'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');
const { execFileSync } = require('child_process');
const { makeVscode, useVscode, Uri } = require('./vscode-stub.cjs');

const TOP = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const WRITE = args.includes('--write-fixture');
const WORK = path.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--server') || path.join(TOP, 'build', 'vscode'));
const EXT = path.join(TOP, 'editors', 'vscode');
const EXTENSION = path.join(EXT, 'extension.js');
const FIXTURE = path.join(TOP, 'tests', 'lsp', 'vscode-initialize.json');
const NOT_FOUND = 'was not found: install it or set pathway.server.path';

let passed = 0;
let failed = 0;
function ok(name) {
  passed++;
  console.log(`ok ${name}`);
}
function fail(name, why) {
  failed++;
  console.log(`FAIL ${name}`);
  for (const line of String(why).split('\n')) console.log(`  ${line}`);
}
// FN returns (or resolves to) a string of problems, empty when all is well.
async function test(name, fn) {
  let why;
  try {
    why = await fn();
  } catch (e) {
    why = e && e.stack ? e.stack : String(e);
  }
  if (why) fail(name, why);
  else ok(name);
}
function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
const show = (v) => JSON.stringify(v);
const readJSON = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(cond, ms = 5000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await sleep(20);
  }
  return cond();
}

// A directory with an executable NAME in it that runs BODY (sh).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-vscode-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
function command(dir, name, body) {
  fs.mkdirSync(path.join(tmp, dir), { recursive: true });
  const file = path.join(tmp, dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

// ---- the manifest ----------------------------------------------------------

const manifest = readJSON(path.join(EXT, 'package.json'));
const lock = readJSON(path.join(EXT, 'package-lock.json'));

async function manifestTests() {
  await test('package.json: main extension.js, activated by a pathway file', () => {
    const p = [];
    if (!manifest.main || path.resolve(EXT, manifest.main) !== EXTENSION) p.push(`main is ${manifest.main}, not ./extension.js`);
    if (!(manifest.activationEvents || []).includes('onLanguage:pathway'))
      p.push(`activationEvents ${show(manifest.activationEvents)} lack onLanguage:pathway`);
    if (!fs.existsSync(EXTENSION)) p.push('extension.js is missing');
    return p.join('\n');
  });

  await test('package.json and package-lock.json: vscode-languageclient pinned to one 9.x release', () => {
    const p = [];
    const want = (manifest.dependencies || {})['vscode-languageclient'];
    if (!/^9\.\d+\.\d+$/.test(want || '')) p.push(`package.json asks for vscode-languageclient ${want}, not one 9.x release`);
    if (lock.lockfileVersion < 2) p.push(`lockfileVersion ${lock.lockfileVersion}`);
    const root = (lock.packages || {})[''] || {};
    if (show(root.dependencies) !== show(manifest.dependencies))
      p.push(`the lock's dependencies ${show(root.dependencies)} are not package.json's ${show(manifest.dependencies)}`);
    const locked = (lock.packages || {})['node_modules/vscode-languageclient'] || {};
    if (locked.version !== want) p.push(`the lock has vscode-languageclient ${locked.version}, not ${want}`);
    for (const [name, pkg] of Object.entries(lock.packages || {}))
      if (name && !pkg.integrity) p.push(`the lock has no integrity for ${name}`);
    if (Object.keys(manifest.devDependencies || {}).length) p.push('devDependencies: the extension is plain JavaScript, nothing to build');
    return p.join('\n');
  });

  await test('package.json: engines.vscode is what the locked vscode-languageclient needs', () => {
    const locked = (lock.packages || {})['node_modules/vscode-languageclient'] || {};
    const needs = (locked.engines || {}).vscode;
    const have = (manifest.engines || {}).vscode;
    if (!needs) return 'the lock does not say which VS Code vscode-languageclient needs';
    const min = (range) => (/^\^?(\d+)\.(\d+)\.(\d+)$/.exec(range || '') || []).slice(1).map(Number);
    const [a, b] = [min(have), min(needs)];
    if (a.length !== 3) return `engines.vscode ${have} is not ^X.Y.Z`;
    if (a[0] !== b[0] || a[1] < b[1] || (a[1] === b[1] && a[2] < b[2]))
      return `engines.vscode ${have} allows an older VS Code than vscode-languageclient's ${needs}`;
    return '';
  });

  await test('package.json: settings pathway.server.path (default pathwayc) and pathway.trace.server', () => {
    const props = ((manifest.contributes || {}).configuration || {}).properties || {};
    const p = [];
    const server = props['pathway.server.path'];
    if (!server) p.push('no setting pathway.server.path');
    else if (server.default !== 'pathwayc' || server.type !== 'string')
      p.push(`pathway.server.path: ${show(server)}`);
    const trace = props['pathway.trace.server'];
    if (!trace || show(trace.enum) !== show(['off', 'messages', 'verbose']) || trace.default !== 'off')
      p.push(`pathway.trace.server: ${show(trace)}`);
    const cmds = ((manifest.contributes || {}).commands || []).map((c) => c.command);
    if (!cmds.includes('pathway.restartServer')) p.push('no command pathway.restartServer');
    return p.join('\n');
  });

  await test('package.json: in a folder not trusted, pathway.server.path is the user\'s own', () => {
    const u = (manifest.capabilities || {}).untrustedWorkspaces || {};
    if (u.supported !== 'limited' || !(u.restrictedConfigurations || []).includes('pathway.server.path'))
      return `capabilities.untrustedWorkspaces: ${show(u)}`;
    return '';
  });

  await test('.gitignore keeps editors/vscode/node_modules out of git', () => {
    try {
      execFileSync('git', ['-C', TOP, 'check-ignore', '-q', 'editors/vscode/node_modules/x.js']);
      return '';
    } catch (e) {
      return 'git check-ignore: editors/vscode/node_modules is not ignored';
    }
  });
}

// ---- activate() and deactivate(), with a stand-in LanguageClient -------------

// Loads a fresh extension.js with the stand-in vscode (SETTINGS) and a
// stand-in vscode-languageclient/node whose clients are recorded in
// `clients` (each: id, name, serverOptions, clientOptions, starts, stops).
function loadWithStandIn(settings, startFails, options) {
  const stub = makeVscode(settings, options);
  useVscode(stub.vscode);
  const clients = [];
  class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions, starts: 0, stops: 0 });
      clients.push(this);
    }
    start() {
      this.starts++;
      return startFails ? Promise.reject(new Error('spawn failed')) : Promise.resolve();
    }
    stop() {
      this.stops++;
      return Promise.resolve();
    }
  }
  const fakeKey = path.join(__dirname, '__languageclient_stub__.js');
  const m = new Module(fakeKey);
  m.filename = fakeKey;
  m.loaded = true;
  m.exports = { LanguageClient, TransportKind: { stdio: 0, ipc: 1, pipe: 2, socket: 3 } };
  require.cache[fakeKey] = m;
  redirect = (request) => (request.startsWith('vscode-languageclient') ? fakeKey : null);
  delete require.cache[EXTENSION];
  const ext = require(EXTENSION);
  return { ext, clients, ...stub };
}

// Where vscode-languageclient comes from: the stand-in, or WORK.
// (Only extension.js's own require is redirected.)
let redirect = () => null;
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const to = parent && parent.filename === EXTENSION ? redirect(request) : null;
  return to || originalResolve.call(this, request, parent, ...rest);
};

function context() {
  return { subscriptions: [], extensionPath: EXT };
}

// The command the client was made for; '' when it is right.
function checkServer(client, file) {
  const p = [];
  for (const mode of ['run', 'debug']) {
    const o = client.serverOptions[mode] || client.serverOptions;
    if (o.command !== file) p.push(`${mode}: command ${o.command}, not ${file}`);
    if (show(o.args) !== show(['lsp'])) p.push(`${mode}: arguments ${show(o.args)}, not ["lsp"]`);
    // stdio is the default; TransportKind.stdio would add --stdio to the arguments
    if (o.transport !== undefined) p.push(`${mode}: transport ${o.transport}: vscode-languageclient would run \`${o.command} ${['lsp', '--stdio'].join(' ')}\``);
  }
  return p;
}

async function activationTests() {
  const onPath = command('bin', 'pathwayc', 'exit 0');
  const elsewhere = command('other', 'my-pathwayc', 'exit 0');
  command('notexec', 'pathwayc', 'exit 0');
  fs.chmodSync(path.join(tmp, 'notexec', 'pathwayc'), 0o644);
  const savedPath = process.env.PATH;
  const withPath = async (p, fn) => {
    process.env.PATH = p;
    try {
      return await fn();
    } finally {
      process.env.PATH = savedPath;
    }
  };

  await test('activate() starts `pathwayc lsp` (found on PATH) over stdio for pathway files', () =>
    withPath(`${path.join(tmp, 'notexec')}:${path.join(tmp, 'bin')}`, async () => {
      const { ext, clients, log } = loadWithStandIn({});
      await ext.activate(context());
      const p = [];
      if (clients.length !== 1) return `${clients.length} clients made`;
      const c = clients[0];
      p.push(...checkServer(c, onPath));
      if (c.id !== 'pathway') p.push(`client id ${c.id}, not pathway (pathway.trace.server is read through it)`);
      const sel = c.clientOptions.documentSelector || [];
      if (!sel.some((f) => f.scheme === 'file' && f.language === 'pathway'))
        p.push(`document selector ${show(sel)} has no {scheme: file, language: pathway}`);
      if (sel.some((f) => f.language !== 'pathway')) p.push(`document selector ${show(sel)} takes other languages`);
      if (c.starts !== 1) p.push(`started ${c.starts} times`);
      if (log.errors.length) p.push(`errors shown: ${show(log.errors)}`);
      await ext.deactivate();
      if (c.stops !== 1) p.push(`deactivate(): stopped ${c.stops} times`);
      return p.join('\n');
    }));

  await test('pathway.server.path: a full path is the command started', () =>
    withPath('', async () => {
      const { ext, clients } = loadWithStandIn({ 'pathway.server.path': elsewhere });
      await ext.activate(context());
      if (clients.length !== 1) return `${clients.length} clients made`;
      const p = checkServer(clients[0], elsewhere);
      await ext.deactivate();
      return p.join('\n');
    }));

  await test('pathway.server.path: a command name is looked for on PATH', () =>
    withPath(path.join(tmp, 'other'), async () => {
      const { ext, clients } = loadWithStandIn({ 'pathway.server.path': 'my-pathwayc' });
      await ext.activate(context());
      if (clients.length !== 1) return `${clients.length} clients made`;
      const p = checkServer(clients[0], elsewhere);
      await ext.deactivate();
      return p.join('\n');
    }));

  for (const [what, setting, PATH] of [
    ['pathwayc not on PATH', undefined, path.join(tmp, 'other')],
    ['pathwayc on PATH but not executable', undefined, path.join(tmp, 'notexec')],
    ['pathway.server.path names no file', path.join(tmp, 'nowhere', 'pathwayc'), path.join(tmp, 'bin')],
  ]) {
    await test(`${what}: "${NOT_FOUND}", no client`, () =>
      withPath(PATH, async () => {
        const { ext, clients, log } = loadWithStandIn(setting ? { 'pathway.server.path': setting } : {});
        await ext.activate(context());
        const p = [];
        if (clients.length) p.push(`${clients.length} clients made`);
        if (log.errors.length !== 1 || !log.errors[0].message.includes(NOT_FOUND))
          p.push(`errors shown: ${show(log.errors)}`);
        else if (!setting && !log.errors[0].message.startsWith(`pathwayc ${NOT_FOUND}`))
          p.push(`the message does not start "pathwayc ${NOT_FOUND}": ${log.errors[0].message}`);
        else if (!log.errors[0].items.includes('Open Settings')) p.push('the message offers no "Open Settings"');
        await ext.deactivate();
        return p.join('\n');
      }));
  }

  await test('a server that fails to start: an error message, deactivate() still fine', () =>
    withPath(path.join(tmp, 'bin'), async () => {
      const { ext, clients, log } = loadWithStandIn({}, true);
      await ext.activate(context());
      const p = [];
      if (clients.length !== 1) p.push(`${clients.length} clients made`);
      if (log.errors.length !== 1 || !/did not start/.test(log.errors[0].message)) p.push(`errors shown: ${show(log.errors)}`);
      await ext.deactivate();
      return p.join('\n');
    }));

  await test('changing pathway.server.path restarts the server with the new command', () =>
    withPath(path.join(tmp, 'bin'), async () => {
      const settings = {};
      const { ext, clients, fire } = loadWithStandIn(settings);
      await ext.activate(context());
      settings['pathway.server.path'] = elsewhere;
      fire('onDidChangeConfiguration', { affectsConfiguration: (s) => s === 'pathway.server.path' || s === 'pathway' });
      await until(() => clients.length === 2 && clients[1].starts === 1, 2000);
      const p = [];
      if (clients.length !== 2) return `${clients.length} clients made`;
      if (clients[0].stops !== 1) p.push(`the first client stopped ${clients[0].stops} times`);
      p.push(...checkServer(clients[1], elsewhere));
      fire('onDidChangeConfiguration', { affectsConfiguration: (s) => s === 'editor.fontSize' });
      await sleep(50);
      if (clients.length !== 2) p.push('another setting changed: the server restarted');
      await ext.deactivate();
      if (clients[1].stops !== 1) p.push(`deactivate(): the second client stopped ${clients[1].stops} times`);
      return p.join('\n');
    }));

  const ws = path.join(tmp, 'ws');
  const inFolder = command('ws/build', 'pathwayc', 'exit 0');
  await test('pathway.server.path ${workspaceFolder}/build/pathwayc: the folder\'s own build is started', () =>
    withPath('', async () => {
      const { ext, clients, log } = loadWithStandIn({ 'pathway.server.path': '${workspaceFolder}/build/pathwayc' }, false, { folders: [ws] });
      await ext.activate(context());
      if (clients.length !== 1) return `${clients.length} clients made; errors ${show(log.errors)}`;
      const p = checkServer(clients[0], inFolder);
      await ext.deactivate();
      return p.join('\n');
    }));

  await test('a folder not trusted: ${workspaceFolder} in the setting is not started, and is once trusted', () =>
    withPath('', async () => {
      const { ext, clients, log, vscode, fire } = loadWithStandIn(
        { 'pathway.server.path': '${workspaceFolder}/build/pathwayc' }, false, { folders: [ws], trusted: false });
      await ext.activate(context());
      const p = [];
      if (clients.length) p.push(`${clients.length} clients made in a folder not trusted`);
      if (log.warnings.length !== 1 || !/not started: .*not trusted/.test(log.warnings[0].message))
        p.push(`warnings shown: ${show(log.warnings)}`);
      vscode.workspace.isTrusted = true;
      fire('onDidGrantWorkspaceTrust');
      await until(() => clients.length === 1 && clients[0].starts === 1, 2000);
      if (clients.length !== 1) p.push(`trusted: ${clients.length} clients made`);
      else p.push(...checkServer(clients[0], inFolder));
      await ext.deactivate();
      return p.join('\n');
    }));

  await test('a folder not trusted: pathwayc from PATH is still started', () =>
    withPath(path.join(tmp, 'bin'), async () => {
      const { ext, clients } = loadWithStandIn({}, false, { folders: [ws], trusted: false });
      await ext.activate(context());
      if (clients.length !== 1) return `${clients.length} clients made`;
      const p = checkServer(clients[0], onPath);
      await ext.deactivate();
      return p.join('\n');
    }));

  await test('the command "pathway.restartServer" restarts the server', () =>
    withPath(path.join(tmp, 'bin'), async () => {
      const { ext, clients, log } = loadWithStandIn({});
      await ext.activate(context());
      if (!log.commands['pathway.restartServer']) return 'no command registered';
      await log.commands['pathway.restartServer']();
      const p = [];
      if (clients.length !== 2 || clients[0].stops !== 1 || clients[1].starts !== 1)
        p.push(`clients: ${show(clients.map((c) => [c.starts, c.stops]))}`);
      await ext.deactivate();
      return p.join('\n');
    }));
}

// ---- the real vscode-languageclient against a stand-in server ----------------

function document(file, languageId, text) {
  return {
    uri: Uri.file(file),
    fileName: file,
    languageId,
    version: 1,
    isClosed: false,
    isUntitled: false,
    getText: () => text,
  };
}

async function realClientTests() {
  const logFile = path.join(tmp, 'server-log.jsonl');
  const server = path.join(__dirname, 'fake-lsp-server.cjs');
  command('real', 'pathwayc', `exec "${process.execPath}" "${server}" "${logFile}" "$@"`);
  const received = () =>
    fs.existsSync(logFile)
      ? fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
      : [];
  const methods = () => received().map((m) => m.method);

  const stub = makeVscode({});
  useVscode(stub.vscode);
  redirect = (request) =>
    request.startsWith('vscode-languageclient')
      ? originalResolve.call(Module, request, null, false, { paths: [path.join(WORK, 'node_modules')] })
      : null;
  delete require.cache[EXTENSION];
  const ext = require(EXTENSION);
  const savedPath = process.env.PATH;
  process.env.PATH = `${path.join(tmp, 'real')}:${savedPath}`;
  let started = false;
  try {
    await test('the real client starts `pathwayc lsp` from PATH and initializes it', async () => {
      await ext.activate(context());
      const p = [];
      if (stub.log.errors.length) p.push(`errors shown: ${show(stub.log.errors)}\nthe output panel:\n${stub.log.output.join('')}`);
      if (!(await until(() => methods().includes('initialized'))))
        p.push(`the server received ${show(methods())}, no initialized`);
      else started = true;
      const init = received().find((m) => m.method === 'initialize');
      if (!init) p.push('no initialize request');
      else {
        if (init.params.processId !== process.pid) p.push(`processId ${init.params.processId}, not ${process.pid}`);
        const caps = init.params.capabilities || {};
        const td = caps.textDocument || {};
        for (const f of ['synchronization', 'completion', 'hover', 'definition', 'references', 'rename', 'codeAction',
          'formatting', 'documentSymbol', 'foldingRange', 'publishDiagnostics'])
          if (!td[f]) p.push(`no textDocument.${f} in the client capabilities`);
      }
      const feats = Object.keys(stub.log.calls).filter((k) => k.startsWith('languages.'));
      for (const f of ['CompletionItemProvider', 'HoverProvider', 'DefinitionProvider', 'ReferenceProvider', 'RenameProvider',
        'CodeActionsProvider', 'DocumentFormattingEditProvider', 'DocumentSymbolProvider', 'FoldingRangeProvider']) {
        const calls = stub.log.calls[`languages.${f}`];
        if (!calls) p.push(`no ${f} registered with VS Code (registered: ${feats.join(', ')})`);
        else if (!show(calls[0][0]).includes('"language":"pathway"')) p.push(`${f} registered for ${show(calls[0][0])}`);
      }
      return p.join('\n');
    });
    if (!started) return;

    await test('the real client: the initialize request is tests/lsp/vscode-initialize.json', () => {
      const init = received().find((m) => m.method === 'initialize');
      const fixture = { ...init, params: { ...init.params, processId: null } };
      const text = JSON.stringify(fixture, null, 2) + '\n';
      if (WRITE) {
        fs.mkdirSync(path.dirname(FIXTURE), { recursive: true });
        fs.writeFileSync(FIXTURE, text);
        console.log(`wrote ${path.relative(TOP, FIXTURE)}`);
        return '';
      }
      if (!fs.existsSync(FIXTURE)) return `${path.relative(TOP, FIXTURE)} is missing: run this with --write-fixture`;
      if (fs.readFileSync(FIXTURE, 'utf8') !== text)
        return `${path.relative(TOP, FIXTURE)} is not what vscode-languageclient ${
          lock.packages['node_modules/vscode-languageclient'].version
        } sends: run this with --write-fixture and look at the difference`;
      return '';
    });

    const file = path.join(tmp, 'intake.pathway');
    const doc = document(file, 'pathway', 'pathway "Intake" {\n}\n');
    await test('the real client: a pathway file opened goes to the server, its diagnostics to VS Code', async () => {
      stub.fire('onDidOpenTextDocument', document(path.join(tmp, 'notes.txt'), 'plaintext', 'hello\n'));
      stub.fire('onDidOpenTextDocument', doc);
      const p = [];
      const uri = Uri.file(file).toString();
      if (!(await until(() => stub.log.diagnostics.has(uri))))
        return `no diagnostics for ${uri}; the server received ${show(methods())}`;
      const opens = received().filter((m) => m.method === 'textDocument/didOpen');
      if (opens.length !== 1) p.push(`${opens.length} didOpen: ${show(opens.map((o) => o.params.textDocument.uri))}`);
      else {
        const td = opens[0].params.textDocument;
        if (td.uri !== uri || td.languageId !== 'pathway' || td.text !== doc.getText())
          p.push(`didOpen ${show(td)}`);
      }
      const diags = stub.log.diagnostics.get(uri);
      if (diags.length !== 1 || diags[0].message !== 'stand-in: pathway "Intake" {')
        p.push(`diagnostics ${show(diags)}`);
      return p.join('\n');
    });

    await test('the real client: each change is sent, and the new diagnostics shown (as you type)', async () => {
      const text = 'pathway "Intake 2" {\n}\n';
      doc.version = 2;
      doc.getText = () => text;
      stub.fire('onDidChangeTextDocument', {
        document: doc,
        contentChanges: [{ range: new stub.vscode.Range(0, 9, 0, 15), rangeOffset: 9, rangeLength: 6, text: 'Intake 2' }],
        reason: undefined,
      });
      const uri = Uri.file(file).toString();
      const want = 'stand-in: pathway "Intake 2" {';
      if (!(await until(() => (stub.log.diagnostics.get(uri) || [{}])[0].message === want)))
        return `diagnostics ${show(stub.log.diagnostics.get(uri))}; the server received ${show(methods())}`;
      const change = received().find((m) => m.method === 'textDocument/didChange');
      if (change.params.textDocument.version !== 2) return `didChange ${show(change.params)}`;
      return '';
    });

    await test('the real client: deactivate() shuts the server down (shutdown, exit)', async () => {
      await ext.deactivate();
      await until(() => methods().includes('exit'), 3000);
      const ms = methods();
      const i = ms.indexOf('shutdown');
      if (i < 0 || ms.indexOf('exit') < i) return `the server received ${show(ms)}`;
      return '';
    });
  } finally {
    process.env.PATH = savedPath;
    if (!started) await ext.deactivate().catch(() => {});
  }
}

// A server that dies while a request is pending leaves a rejection nobody
// awaits inside vscode-languageclient (VS Code logs it); the tests that
// need the server fail on their own, this only says what happened.
process.on('unhandledRejection', (e) => console.log(`  (unhandled rejection: ${e && e.message ? e.message : e})`));
// Nothing here takes long: a hang is a failure, with the count printed.
setTimeout(() => {
  fail('the whole run', 'did not finish within 60 seconds');
  finish();
}, 60000).unref();

// ---- the real client against the real server (--server PATHWAYC) ------------

async function realServerTests(pathwayc) {
  const stub = makeVscode({ 'pathway.server.path': pathwayc, 'pathway.trace.server': process.env.PATHWAY_TRACE || 'off' });
  useVscode(stub.vscode);
  redirect = (request) =>
    request.startsWith('vscode-languageclient')
      ? originalResolve.call(Module, request, null, false, { paths: [path.join(WORK, 'node_modules')] })
      : null;
  // vscode-languageclient again, so that it holds this stand-in for vscode
  for (const key of Object.keys(require.cache))
    if (key === EXTENSION || key.startsWith(path.join(WORK, 'node_modules') + path.sep)) delete require.cache[key];
  const ext = require(EXTENSION);
  const file = path.join(tmp, 'server', 'worried.pathway');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = fs.readFileSync(path.join(TOP, 'tests', 'outputs', 'small.pathway'), 'utf8');
  fs.writeFileSync(file, text);
  const uri = Uri.file(file).toString();
  const doc = document(file, 'pathway', text);
  const errors = () => (stub.log.diagnostics.get(uri) || []).filter((d) => d.severity === stub.vscode.DiagnosticSeverity.Error);
  let running = false;
  try {
    await test(`the real client and ${pathwayc} lsp: it starts, no error shown`, async () => {
      await ext.activate(context());
      running = !stub.log.errors.length;
      return stub.log.errors.length ? `errors shown: ${show(stub.log.errors)}\nthe output panel:\n${stub.log.output.join('')}` : '';
    });
    if (!running) return;

    await test(`the real client and ${pathwayc} lsp: tests/outputs/small.pathway opened, diagnostics and no error`, async () => {
      stub.fire('onDidOpenTextDocument', doc);
      if (!(await until(() => stub.log.diagnostics.has(uri), 10000))) return `no diagnostics published for ${uri}`;
      return errors().length ? `errors: ${show(errors())}` : '';
    });

    await test(`the real client and ${pathwayc} lsp: a name misspelt as you type is underlined, and the fix clears it`, async () => {
      const lines = text.split('\n');
      const line = lines.findIndex((l) => /^\s*next\s+level\s*$/.test(l));
      if (line < 0) return 'no line `next level` in tests/outputs/small.pathway';
      const col = lines[line].indexOf('level');
      const edit = (version, from, to) => {
        const at = lines[line].indexOf(from);
        lines[line] = lines[line].slice(0, at) + to + lines[line].slice(at + from.length);
        const now = lines.join('\n');
        doc.version = version;
        doc.getText = () => now;
        stub.fire('onDidChangeTextDocument', {
          document: doc,
          contentChanges: [{ range: new stub.vscode.Range(line, at, line, at + from.length), rangeOffset: 0, rangeLength: from.length, text: to }],
          reason: undefined,
        });
      };
      edit(2, 'level', 'levle');
      const p = [];
      if (!(await until(() => errors().some((d) => d.range.start.line === line), 10000)))
        return `no error on line ${line + 1} after typing 'levle': ${show(stub.log.diagnostics.get(uri))}`;
      const e = errors().find((d) => d.range.start.line === line);
      if (e.range.start.character !== col) p.push(`the error starts at column ${e.range.start.character}, not ${col}: ${show(e)}`);
      if (!/levle/.test(e.message)) p.push(`the message does not name 'levle': ${e.message}`);
      edit(3, 'levle', 'level');
      if (!(await until(() => errors().length === 0, 10000))) p.push(`the fix did not clear it: ${show(errors())}`);
      return p.join('\n');
    });

    // The providers the client registered with VS Code, called as VS Code
    // calls them.
    const provider = (feature) => (stub.log.calls[`languages.${feature}`] || [[]])[0][1];
    const token = () => new stub.vscode.CancellationTokenSource().token;
    const lines = () => doc.getText().split('\n');
    const find = (re) => {
      const l = lines().findIndex((x) => re.test(x));
      return l < 0 ? null : new stub.vscode.Position(l, lines()[l].search(re));
    };

    await test(`the real client and ${pathwayc} lsp: completion after \`next \` offers the nodes`, async () => {
      const at = find(/next\s+level/);
      if (!at) return 'no `next level` line';
      const pos = new stub.vscode.Position(at.line, lines()[at.line].indexOf('level'));
      const result = await provider('CompletionItemProvider').provideCompletionItems(doc, pos, token(), { triggerKind: 0 });
      const items = Array.isArray(result) ? result : (result && result.items) || [];
      const labels = items.map((i) => (typeof i.label === 'string' ? i.label : i.label && i.label.label));
      const missing = ['level', 'refer', 'referred', 'call_999'].filter((n) => !labels.includes(n));
      return missing.length ? `no ${missing.join(', ')} among ${show(labels)}` : '';
    });

    await test(`the real client and ${pathwayc} lsp: rename the step refer to send_request: every use, \`replaces refer\` kept, no error`, async () => {
      const at = find(/step refer\b/);
      if (!at) return 'no `step refer` line';
      const pos = new stub.vscode.Position(at.line, lines()[at.line].indexOf('refer'));
      const p = [];
      const rename = provider('RenameProvider');
      if (rename.prepareRename) {
        const prepared = await rename.prepareRename(doc, pos, token());
        if (!prepared) p.push('prepareRename refused');
      }
      const edit = await rename.provideRenameEdits(doc, pos, 'send_request', token());
      if (!edit || !edit.edits) return `no workspace edit: ${show(edit)}`;
      const mine = edit.edits.get(uri) || [];
      if (edit.edits.size !== 1) p.push(`edits in ${show([...edit.edits.keys()])}`);
      // Apply them, last first, as VS Code does.
      let text = doc.getText();
      const offsetOf = (pos2) => {
        const ls = text.split('\n');
        let o = 0;
        for (let i = 0; i < pos2.line; i++) o += ls[i].length + 1;
        return o + pos2.character;
      };
      const sorted = [...mine].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
      for (const e of sorted) text = text.slice(0, offsetOf(e.range.start)) + e.newText + text.slice(offsetOf(e.range.end));
      // Every use of the name renamed (not `referred`, not the title), and one
      // `replaces refer` in the renamed step, so that the old name still leads
      // there (docs/language.md).
      const want = doc.getText().replace(/\brefer\b(?!red)/g, 'send_request');
      const kept = text.split('\n').filter((l) => /^\s*replaces\s+refer\s*$/.test(l));
      if (kept.length !== 1) p.push(`${kept.length} lines \`replaces refer\``);
      const without = text.split('\n').filter((l) => !/^\s*replaces\s+refer\s*$/.test(l)).join('\n');
      if (without !== want) {
        const a = without.split('\n');
        const b = want.split('\n');
        p.push(a.map((l, i) => (l !== b[i] ? `line ${i + 1}: got ${show(l)}, want ${show(b[i])}` : null)).filter(Boolean).join('\n'));
      }
      const ls = text.split('\n');
      const stepAt = ls.findIndex((l) => /step send_request\b/.test(l));
      const keptAt = ls.findIndex((l) => /^\s*replaces\s+refer\s*$/.test(l));
      const closeAt = ls.findIndex((l, i) => i > stepAt && /^ {4}}\s*$/.test(l));
      if (!(stepAt >= 0 && stepAt < keptAt && keptAt < closeAt)) p.push(`\`replaces refer\` is not in the step send_request:\n${ls.slice(stepAt, closeAt + 1).join('\n')}`);
      // The renamed text, sent whole as one change: no error.
      const before = stub.log.diagnostics.get(uri);
      const old = doc.getText();
      const oldLines = old.split('\n');
      doc.version = 10;
      doc.getText = () => text;
      stub.fire('onDidChangeTextDocument', {
        document: doc,
        contentChanges: [{
          range: new stub.vscode.Range(0, 0, oldLines.length - 1, oldLines[oldLines.length - 1].length),
          rangeOffset: 0, rangeLength: old.length, text,
        }],
        reason: undefined,
      });
      if (!(await until(() => stub.log.diagnostics.get(uri) !== before, 10000)))
        p.push('no diagnostics published after the renamed text was sent');
      else if (errors().length) p.push(`errors after the rename: ${show(errors())}`);
      return p.join('\n');
    });

    await test(`the real client and ${pathwayc} lsp: deactivate() stops it`, async () => {
      await ext.deactivate();
      running = false;
      return '';
    });
  } finally {
    if (running) await ext.deactivate().catch(() => {});
  }
}

(async () => {
  await manifestTests();
  await activationTests();
  if (!fs.existsSync(path.join(WORK, 'node_modules', 'vscode-languageclient')))
    fail('the real vscode-languageclient', `${WORK}/node_modules is missing: run scripts/setup`);
  else {
    await realClientTests();
    const at = args.indexOf('--server');
    if (at >= 0) await realServerTests(path.resolve(args[at + 1] || 'pathwayc'));
  }
  finish();
})();
