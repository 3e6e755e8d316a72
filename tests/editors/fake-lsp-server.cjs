#!/usr/bin/env node
// tests/editors/fake-lsp-server.cjs LOG lsp — a stand-in for `pathwayc lsp`
// that the real vscode-languageclient starts in
// tests/editors/vscode-client-test.cjs: it speaks LSP over standard input and
// output (Content-Length framing), writes every message it receives to LOG
// (one JSON a line), answers `initialize` with the capabilities pathwayc lsp
// gives (incremental document sync, completion, hover, definition,
// references, rename, quick fixes, formatting, document symbols, folding
// ranges), keeps each document as changed and publishes one diagnostic,
// "stand-in: FIRST-LINE", for each document opened or changed, answers `shutdown` and exits on `exit`. It refuses to
// run unless its arguments after LOG are exactly `lsp`, as pathwayc refuses
// any other (vscode-languageclient adds `--stdio` when told the transport).

'use strict';

const fs = require('fs');

const [logFile, ...rest] = process.argv.slice(2);
if (rest.length !== 1 || rest[0] !== 'lsp') {
  // as pathwayc does: `pathwayc lsp --stdio` is "unknown option '--stdio'"
  process.stderr.write(`fake-lsp-server: expected the one argument lsp, got ${JSON.stringify(rest)}\n`);
  process.exit(2);
}
fs.writeFileSync(logFile, '');

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}

function diagnose(uri, text) {
  const first = String(text).split('\n')[0];
  send({
    method: 'textDocument/publishDiagnostics',
    params: {
      uri,
      diagnostics: [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: first.length } },
          severity: 1,
          source: 'pathwayc',
          message: `stand-in: ${first}`,
        },
      ],
    },
  });
}

// The documents open, as changed (incremental sync, as pathwayc lsp asks);
// positions in UTF-16 code units, as JavaScript strings count.
const texts = new Map();
function offset(text, pos) {
  let at = 0;
  for (let line = 0; line < pos.line; line++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  return Math.min(at + pos.character, text.length);
}
function apply(text, range, insert) {
  return text.slice(0, offset(text, range.start)) + insert + text.slice(offset(text, range.end));
}

function handle(msg) {
  fs.appendFileSync(logFile, JSON.stringify(msg) + '\n');
  switch (msg.method) {
    case 'initialize':
      send({
        id: msg.id,
        result: {
          // what pathwayc lsp answers
          capabilities: {
            positionEncoding: 'utf-16',
            textDocumentSync: { openClose: true, change: 2 },
            completionProvider: { triggerCharacters: [' ', '>', ',', '-'] },
            hoverProvider: true,
            definitionProvider: true,
            referencesProvider: true,
            renameProvider: { prepareProvider: true },
            codeActionProvider: { codeActionKinds: ['quickfix'] },
            documentFormattingProvider: true,
            documentSymbolProvider: true,
            foldingRangeProvider: true,
          },
          serverInfo: { name: 'fake-lsp-server' },
        },
      });
      break;
    case 'shutdown':
      send({ id: msg.id, result: null });
      break;
    case 'exit':
      process.exit(0);
      break;
    case 'textDocument/didOpen':
      texts.set(msg.params.textDocument.uri, msg.params.textDocument.text);
      diagnose(msg.params.textDocument.uri, msg.params.textDocument.text);
      break;
    case 'textDocument/didChange': {
      const uri = msg.params.textDocument.uri;
      let text = texts.get(uri) || '';
      for (const c of msg.params.contentChanges) text = c.range ? apply(text, c.range, c.text) : c.text;
      texts.set(uri, text);
      diagnose(uri, text);
      break;
    }
    default:
      if (msg.id !== undefined && msg.method) send({ id: msg.id, result: null });
  }
}

let buffer = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const header = buffer.subarray(0, end).toString('ascii');
    const m = /Content-Length: *(\d+)/i.exec(header);
    if (!m) {
      process.stderr.write(`fake-lsp-server: no Content-Length in ${JSON.stringify(header)}\n`);
      process.exit(2);
    }
    const length = Number(m[1]);
    if (buffer.length < end + 4 + length) return;
    const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
    buffer = buffer.subarray(end + 4 + length);
    handle(JSON.parse(body));
  }
});
process.stdin.on('end', () => process.exit(0));
