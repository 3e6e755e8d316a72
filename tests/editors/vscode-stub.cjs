// tests/editors/vscode-stub.cjs — a stand-in for VS Code's `vscode` module,
// enough of it for editors/vscode/extension.js and for the real
// vscode-languageclient to start a server, keep documents in sync and show
// diagnostics, with no VS Code (tests/editors/vscode-client-test.cjs).
//
// makeVscode(settings, { folders, trusted }) returns { vscode, log, fire }
// (folders: the workspace folders open; trusted: false for restricted mode):
//   vscode  the module (install it with useVscode before requiring the
//           extension);
//   log     what was done through it: messages shown (errors, warnings,
//           information), commands registered and run, providers registered
//           by language feature, diagnostics set per document, output;
//   fire    fire(name, value): sends an event (onDidOpenTextDocument,
//           onDidChangeTextDocument, onDidChangeConfiguration, ...) to
//           whoever listens to vscode.workspace/window's event of that name.
// Anything not written out below is a no-op: a namespace's unknown function
// returns a disposable, an unknown capitalised name is a plain class.

'use strict';

const Module = require('module');
const path = require('path');
const { pathToFileURL, fileURLToPath } = require('url');

class Disposable {
  constructor(fn) {
    this._fn = fn;
  }
  static from(...ds) {
    return new Disposable(() => ds.forEach((d) => d && d.dispose && d.dispose()));
  }
  dispose() {
    if (this._fn) this._fn();
    this._fn = undefined;
  }
}

class EventEmitter {
  constructor() {
    this._listeners = new Set();
    this.event = (listener, thisArg, disposables) => {
      const l = thisArg ? listener.bind(thisArg) : listener;
      this._listeners.add(l);
      const d = new Disposable(() => this._listeners.delete(l));
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    };
  }
  fire(value) {
    for (const l of [...this._listeners]) l(value);
  }
  dispose() {
    this._listeners.clear();
  }
}

class Uri {
  constructor(scheme, p, text) {
    this.scheme = scheme;
    this.path = p;
    this._text = text;
  }
  static parse(text) {
    const m = /^([a-zA-Z][\w+.-]*):(.*)$/.exec(text);
    if (!m) return new Uri('file', text, pathToFileURL(text).href);
    return new Uri(m[1], m[1] === 'file' ? fileURLToPath(text) : m[2], text);
  }
  static file(p) {
    return new Uri('file', path.resolve(p), pathToFileURL(path.resolve(p)).href);
  }
  get fsPath() {
    return this.path;
  }
  toString() {
    return this._text;
  }
  toJSON() {
    return this._text;
  }
  with() {
    return this;
  }
}

class CancellationTokenSource {
  constructor() {
    const emitter = new EventEmitter();
    this._emitter = emitter;
    this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
  }
  cancel() {
    this.token.isCancellationRequested = true;
    this._emitter.fire();
  }
  dispose() {}
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}
class Range {
  constructor(a, b, c, d) {
    if (typeof a === 'number') {
      this.start = new Position(a, b);
      this.end = new Position(c, d);
    } else {
      this.start = a;
      this.end = b;
    }
  }
}
class Diagnostic {
  constructor(range, message, severity) {
    this.range = range;
    this.message = message;
    this.severity = severity;
  }
}
const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
class CompletionItem {
  constructor(label, kind) {
    this.label = label;
    this.kind = kind;
  }
}
class TextEdit {
  constructor(range, newText) {
    this.range = range;
    this.newText = newText;
  }
  static replace(range, newText) {
    return new TextEdit(range, newText);
  }
  static insert(position, newText) {
    return new TextEdit(new Range(position, position), newText);
  }
  static delete(range) {
    return new TextEdit(range, '');
  }
}
// The text edits of a workspace edit, by document: edits.get(uri) is a list
// of TextEdit; files created, renamed or deleted in `files`.
class WorkspaceEdit {
  constructor() {
    this.edits = new Map();
    this.files = [];
  }
  _list(uri) {
    const key = String(uri);
    if (!this.edits.has(key)) this.edits.set(key, []);
    return this.edits.get(key);
  }
  replace(uri, range, newText) {
    this._list(uri).push(new TextEdit(range, newText));
  }
  insert(uri, position, newText) {
    this._list(uri).push(TextEdit.insert(position, newText));
  }
  delete(uri, range) {
    this._list(uri).push(TextEdit.delete(range));
  }
  set(uri, edits) {
    const list = this._list(uri);
    list.length = 0;
    for (const e of edits || []) list.push(Array.isArray(e) ? e[0] : e);
  }
  createFile(uri) {
    this.files.push(['create', String(uri)]);
  }
  renameFile(from, to) {
    this.files.push(['rename', String(from), String(to)]);
  }
  deleteFile(uri) {
    this.files.push(['delete', String(uri)]);
  }
  get size() {
    return this.edits.size;
  }
  entries() {
    return [...this.edits.entries()];
  }
}
class CodeActionKind {
  constructor(value) {
    this.value = value;
  }
  append(part) {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other) {
    return this.value === other.value || other.value.startsWith(this.value + '.');
  }
  intersects(other) {
    return this.contains(other) || other.contains(this);
  }
}
for (const [name, value] of Object.entries({
  Empty: '', QuickFix: 'quickfix', Refactor: 'refactor', RefactorExtract: 'refactor.extract',
  RefactorInline: 'refactor.inline', RefactorMove: 'refactor.move', RefactorRewrite: 'refactor.rewrite',
  Source: 'source', SourceOrganizeImports: 'source.organizeImports', SourceFixAll: 'source.fixAll', Notebook: 'notebook',
}))
  CodeActionKind[name] = new CodeActionKind(value);

// A namespace whose written-out members are MEMBERS; any other member that
// starts with onDid/onWill is an event that fire() reaches, any other
// function returns a disposable and counts its call in log.calls.
function namespace(name, members, events, log) {
  return new Proxy(members, {
    get(target, prop) {
      if (prop in target) return target[prop];
      if (typeof prop !== 'string') return undefined;
      if (/^on(Did|Will)/.test(prop)) {
        if (!events.has(prop)) events.set(prop, new EventEmitter());
        return events.get(prop).event;
      }
      return (...args) => {
        const key = `${name}.${prop}`;
        log.calls[key] = (log.calls[key] || []).concat([args]);
        return new Disposable();
      };
    },
  });
}

function makeVscode(settings, options = {}) {
  const log = {
    errors: [],
    warnings: [],
    infos: [],
    commands: {},
    executed: [],
    calls: {},
    diagnostics: new Map(),
    output: [],
  };
  const events = new Map();
  const fire = (name, value) => {
    if (events.has(name)) events.get(name).fire(value);
  };
  const shown = (list) => (message, ...items) => {
    list.push({ message, items: items.filter((i) => typeof i === 'string') });
    return Promise.resolve(undefined);
  };
  const outputChannel = (name) => ({
    name,
    append: (s) => log.output.push(s),
    appendLine: (s) => log.output.push(s + '\n'),
    replace: () => {},
    clear: () => {},
    show: () => {},
    hide: () => {},
    dispose: () => {},
  });
  const config = (section) => ({
    get: (key, dflt) => {
      const full = section ? `${section}.${key}` : key;
      return Object.prototype.hasOwnProperty.call(settings, full) ? settings[full] : dflt;
    },
    has: (key) => Object.prototype.hasOwnProperty.call(settings, section ? `${section}.${key}` : key),
    inspect: () => undefined,
    update: () => Promise.resolve(),
  });
  // A document matches a selector's filter when its language and scheme
  // are the filter's (VS Code's score, good enough: 10 or 0).
  const match = (selector, doc) => {
    const filters = Array.isArray(selector) ? selector : [selector];
    let best = 0;
    for (const f of filters) {
      if (typeof f === 'string') {
        if (f === doc.languageId) best = Math.max(best, 10);
      } else if (
        (!f.language || f.language === doc.languageId) &&
        (!f.scheme || f.scheme === doc.uri.scheme) &&
        !f.pattern && !f.notebookType
      )
        best = Math.max(best, 10);
    }
    return best;
  };
  const collection = (name) => {
    return {
      name,
      set: (uri, diags) => {
        if (Array.isArray(uri)) for (const [u, d] of uri) log.diagnostics.set(String(u), d || []);
        else log.diagnostics.set(String(uri), diags || []);
      },
      delete: (uri) => log.diagnostics.delete(String(uri)),
      clear: () => log.diagnostics.clear(),
      get: (uri) => log.diagnostics.get(String(uri)),
      has: (uri) => log.diagnostics.has(String(uri)),
      forEach: (fn) => log.diagnostics.forEach((d, u) => fn(Uri.parse(u), d)),
      dispose: () => {},
    };
  };
  const registering = (feature) => (...args) => {
    log.calls[`languages.${feature}`] = (log.calls[`languages.${feature}`] || []).concat([args]);
    return new Disposable();
  };

  const workspace = namespace(
    'workspace',
    {
      getConfiguration: config,
      textDocuments: [],
      workspaceFolders: options.folders ? options.folders.map((f, index) => ({ uri: Uri.file(f), name: path.basename(f), index })) : undefined,
      isTrusted: options.trusted !== false,
      createFileSystemWatcher: () => ({
        onDidCreate: () => new Disposable(),
        onDidChange: () => new Disposable(),
        onDidDelete: () => new Disposable(),
        dispose: () => {},
      }),
      applyEdit: () => Promise.resolve(true),
    },
    events,
    log
  );
  const window = namespace(
    'window',
    {
      showErrorMessage: shown(log.errors),
      showWarningMessage: shown(log.warnings),
      showInformationMessage: shown(log.infos),
      createOutputChannel: outputChannel,
      activeTextEditor: undefined,
      visibleTextEditors: [],
      tabGroups: { all: [], onDidChangeTabs: () => new Disposable(), onDidChangeTabGroups: () => new Disposable() },
      withProgress: (opts, task) => task({ report: () => {} }, new CancellationTokenSource().token),
    },
    events,
    log
  );
  const languages = new Proxy(
    { createDiagnosticCollection: collection, match },
    {
      get(target, prop) {
        if (prop in target) return target[prop];
        if (typeof prop === 'string' && prop.startsWith('register')) return registering(prop.slice(8));
        if (typeof prop === 'string' && /^on(Did|Will)/.test(prop)) return () => new Disposable();
        return undefined;
      },
    }
  );
  const commands = {
    registerCommand: (id, fn) => {
      log.commands[id] = fn;
      return new Disposable(() => delete log.commands[id]);
    },
    executeCommand: (id, ...args) => {
      log.executed.push([id, ...args]);
      return Promise.resolve(undefined);
    },
    getCommands: () => Promise.resolve(Object.keys(log.commands)),
  };

  const known = {
    version: '1.82.0',
    env: { appName: 'Visual Studio Code', language: 'en', machineId: 'stub', openExternal: () => Promise.resolve(true) },
    workspace,
    window,
    languages,
    commands,
    extensions: { all: [], getExtension: () => undefined, onDidChange: () => new Disposable() },
    Disposable,
    EventEmitter,
    Uri,
    CancellationTokenSource,
    CancellationError: class CancellationError extends Error {},
    Position,
    Range,
    Diagnostic,
    DiagnosticSeverity,
    CodeActionKind,
    CompletionItem,
    TextEdit,
    WorkspaceEdit,
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  };
  const classes = new Map();
  const vscode = new Proxy(known, {
    get(target, prop) {
      if (prop in target) return target[prop];
      if (typeof prop === 'string' && /^[A-Z]/.test(prop)) {
        if (!classes.has(prop)) {
          const C = class {
            constructor(...args) {
              this.args = args;
            }
          };
          Object.defineProperty(C, 'name', { value: prop });
          classes.set(prop, C);
        }
        return classes.get(prop);
      }
      return undefined;
    },
  });
  return { vscode, log, fire };
}

// Makes require('vscode') return VSCODE, from any module.
function useVscode(vscode) {
  const key = path.join(__dirname, '__vscode_stub__.js');
  const m = new Module(key);
  m.filename = key;
  m.loaded = true;
  m.exports = vscode;
  require.cache[key] = m;
  if (!Module.__pathwayStub) {
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      if (request === 'vscode') return key;
      return resolve.call(this, request, ...rest);
    };
    Module.__pathwayStub = true;
  }
}

module.exports = { makeVscode, useVscode, Uri };
