// editors/vscode/extension.js — the VS Code extension's client of the
// pathway language server.
//
// On the first pathway file opened (activationEvents: onLanguage:pathway)
// it starts `<pathway.server.path> lsp` (default `pathwayc lsp`) over
// standard input and output with vscode-languageclient, for the pathway
// files on disk and the untitled ones; VS Code then shows what the server
// publishes (mistakes underlined as you type, completion, hover, go to
// definition, references, rename, quick fixes, formatting, the outline,
// folding). The TextMate grammar still colours the text.
//
// When the command is not found it says so, in words an author can act on,
// and starts nothing. In a folder not trusted, only the user's own setting
// counts, and a path into the folder is not started (package.json's
// capabilities.untrustedWorkspaces). Changing pathway.server.path restarts the server;
// so does the command "Pathway: Restart the language server".
// pathway.trace.server (read by vscode-languageclient, from the client's id
// `pathway`) logs the protocol in the output panel "pathwayc".
//
// Plain CommonJS, no build step: the folder, with its node_modules
// installed (`npm ci --omit=dev`), is the extension (README.md).

'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

const DEFAULT_COMMAND = 'pathwayc';

// The documents the server is told about: pathway files on disk, and
// untitled ones whose language is set to pathway.
const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'pathway' },
  { scheme: 'untitled', language: 'pathway' },
];

let client = null;
let output = null;

// The setting as a command to run: `~/` is the home directory and
// `${workspaceFolder}` the first folder open (so that a checkout's own
// build can be used: "${workspaceFolder}/build/pathwayc").
function configuredCommand() {
  let cmd = vscode.workspace.getConfiguration('pathway').get('server.path', DEFAULT_COMMAND);
  cmd = String(cmd || '').trim() || DEFAULT_COMMAND;
  if (cmd === '~' || cmd.startsWith('~/')) cmd = path.join(os.homedir(), cmd.slice(1));
  if (cmd.includes('${workspaceFolder}')) {
    const folders = vscode.workspace.workspaceFolders || [];
    if (folders.length > 0) cmd = cmd.split('${workspaceFolder}').join(folders[0].uri.fsPath);
  }
  return cmd;
}

function isExecutable(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch (e) {
    return false;
  }
}

// The file the command runs, or null: a command with a directory in it is
// taken as it is; a bare name is looked for on PATH (with PATHEXT's
// endings on Windows), as the operating system would.
function findCommand(cmd, env) {
  if (cmd.includes('/') || (process.platform === 'win32' && cmd.includes('\\')))
    return isExecutable(cmd) ? path.resolve(cmd) : null;
  const exts = process.platform === 'win32' ? ['', ...(env.PATHEXT || '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const dir of (env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const file = path.join(dir, cmd + ext);
      if (isExecutable(file)) return file;
    }
  }
  return null;
}

function notFound(cmd) {
  const shown = cmd === DEFAULT_COMMAND ? 'pathwayc' : `pathwayc ("${cmd}")`;
  vscode.window
    .showErrorMessage(
      `${shown} was not found: install it or set pathway.server.path ` +
        '(the pathwayc command, or its full path). Until then pathway files get highlighting only.',
      'Open Settings'
    )
    .then((choice) => {
      if (choice === 'Open Settings')
        vscode.commands.executeCommand('workbench.action.openSettings', 'pathway.server.path');
    });
}

// In a folder not trusted (VS Code's restricted mode), VS Code already
// ignores the folder's own pathway.server.path (package.json:
// restrictedConfigurations); a user setting that points into the folder
// would still run a program the folder brought, so it is refused.
function untrustedPath(raw) {
  return vscode.workspace.isTrusted === false && String(raw || '').includes('${workspaceFolder}');
}

async function startClient() {
  const raw = vscode.workspace.getConfiguration('pathway').get('server.path', DEFAULT_COMMAND);
  if (untrustedPath(raw)) {
    vscode.window.showWarningMessage(
      `pathwayc was not started: pathway.server.path (${raw}) points into this folder, which you have not trusted. ` +
        'Trust the folder (Manage Workspace Trust), or set pathway.server.path to a pathwayc outside it.'
    );
    return null;
  }
  const cmd = configuredCommand();
  const file = findCommand(cmd, process.env);
  if (!file) {
    notFound(cmd);
    return null;
  }
  if (!output) output = vscode.window.createOutputChannel('pathwayc');
  // No `transport`: standard input and output, with the arguments as they
  // are (TransportKind.stdio would add `--stdio`, which pathwayc refuses).
  const serverOptions = {
    run: { command: file, args: ['lsp'] },
    debug: { command: file, args: ['lsp'] },
  };
  const clientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
  };
  const c = new LanguageClient('pathway', 'pathwayc', serverOptions, clientOptions);
  client = c;
  try {
    await c.start();
  } catch (e) {
    if (client === c) client = null;
    vscode.window.showErrorMessage(
      `pathwayc lsp did not start (${file}): ${e && e.message ? e.message : e}. ` +
        'Check that it is pathwayc and that `pathwayc lsp` runs in a terminal, or set pathway.server.path.'
    );
    return null;
  }
  return c;
}

async function stopClient() {
  const c = client;
  client = null;
  if (c) {
    try {
      await c.stop();
    } catch (e) {
      // stopping a server that already exited: nothing more to do
    }
  }
}

async function restartClient() {
  await stopClient();
  return startClient();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('pathway.restartServer', restartClient),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('pathway.server.path')) restartClient();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (!client) restartClient();
    })
  );
  await startClient();
}

async function deactivate() {
  await stopClient();
  if (output) {
    output.dispose();
    output = null;
  }
}

module.exports = { activate, deactivate, findCommand, DOCUMENT_SELECTOR };
