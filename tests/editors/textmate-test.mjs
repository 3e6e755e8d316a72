// tests/editors/textmate-test.mjs [WORK]
//
// The TextMate grammar of the VS Code extension (editors/vscode), run by
// vscode-textmate with vscode-oniguruma, as VS Code runs it. WORK (default
// build/editors) holds node_modules, npm-installed by scripts/setup from
// tests/editors/package-lock.json.
//
// - The extension's manifest and language configuration are what VS Code
//   needs: the language `pathway` for .pathway files, its grammar
//   `source.pathway`, `#` comments, `{}` brackets.
// - Every pathway that pathwayc accepts (pathways/, pathways/common/,
//   tests/outputs/*.pathway, tests/hostile/*.pathway) tokenizes with no
//   unknown token (a token, other than white space, whose only scope is the
//   root `source.pathway`) and no token marked invalid.
// - Every file of tests/errors/ and tests/warnings/ tokenizes with no
//   unknown token either (what is wrong there may be marked invalid).
// - Known tokens get the expected scopes; stray characters and bad escapes
//   are marked invalid.illegal.
//
// Prints "ok NAME" or "FAIL NAME" and the reason for each test, then
// "N passed, M failed"; exits 1 on any failure.

import { createRequire } from 'node:module';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const TOP = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORK = resolve(process.argv[2] || join(TOP, 'build', 'editors'));
const EXT = join(TOP, 'editors', 'vscode');

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
function test(name, fn) {
  let why;
  try {
    why = fn();
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

if (!existsSync(join(WORK, 'node_modules'))) {
  fail('node_modules', `${WORK}/node_modules is missing: run scripts/setup`);
  finish();
}
const require = createRequire(join(WORK, 'package.json'));
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

// ---- the extension's manifest ----------------------------------------------

const readJSON = (p) => JSON.parse(readFileSync(p, 'utf8'));
let manifest = {};
let grammarPath = join(EXT, 'syntaxes', 'pathway.tmLanguage.json');

test('editors/vscode/package.json: language pathway, grammar source.pathway', () => {
  manifest = readJSON(join(EXT, 'package.json'));
  const problems = [];
  if (manifest.name !== 'pathway') problems.push(`name is ${manifest.name}, not pathway`);
  if (!manifest.engines || !manifest.engines.vscode) problems.push('no engines.vscode');
  const langs = (manifest.contributes && manifest.contributes.languages) || [];
  const lang = langs.find((l) => l.id === 'pathway');
  if (!lang) problems.push('no language with id "pathway"');
  else {
    if (!(lang.extensions || []).includes('.pathway')) problems.push('the language has no extension .pathway');
    if (!lang.configuration || !existsSync(join(EXT, lang.configuration)))
      problems.push(`the language configuration ${lang.configuration} does not exist`);
  }
  const grammars = (manifest.contributes && manifest.contributes.grammars) || [];
  const g = grammars.find((x) => x.scopeName === 'source.pathway');
  if (!g) problems.push('no grammar with scopeName "source.pathway"');
  else {
    if (g.language !== 'pathway') problems.push(`the grammar's language is ${g.language}`);
    grammarPath = join(EXT, g.path);
    if (!existsSync(grammarPath)) problems.push(`the grammar ${g.path} does not exist`);
    else if (readJSON(grammarPath).scopeName !== 'source.pathway')
      problems.push(`${g.path} has scopeName ${readJSON(grammarPath).scopeName}`);
  }
  return problems.join('\n');
});

test('editors/vscode/language-configuration.json: # comments, {} brackets, auto-closing { and "', () => {
  const conf = readJSON(join(EXT, 'language-configuration.json'));
  const problems = [];
  if (!conf.comments || conf.comments.lineComment !== '#') problems.push('lineComment is not #');
  if (!(conf.brackets || []).some((b) => b[0] === '{' && b[1] === '}')) problems.push('no {} bracket pair');
  const closing = (conf.autoClosingPairs || []).map((p) => (Array.isArray(p) ? p.join('') : p.open + p.close));
  for (const pair of ['{}', '""']) if (!closing.includes(pair)) problems.push(`no auto-closing pair ${pair}`);
  if (conf.wordPattern) {
    const word = new RegExp(conf.wordPattern);
    for (const w of ['no-further-action', 'review-by', 'call_999', '2025-11-30'])
      if ((word.exec(w) || [''])[0] !== w) problems.push(`wordPattern does not take ${w} whole`);
    if (word.exec('a->b')[0] !== 'a') problems.push('wordPattern takes a->b as one word');
  }
  return problems.join('\n');
});

// ---- the grammar, loaded as VS Code loads it -------------------------------

const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
const registry = new vsctm.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async (scopeName) => {
    if (scopeName !== 'source.pathway') return null;
    return vsctm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath);
  },
});
let grammar = null;
try {
  grammar = await registry.loadGrammar('source.pathway');
} catch (e) {
  fail('load the grammar', e && e.stack ? e.stack : e);
}
if (!grammar) {
  if (!failed) fail('load the grammar', 'loadGrammar returned nothing');
  finish();
}
ok('load the grammar source.pathway');

// Every token of TEXT: { line, col, text, scopes } (line and column from 1).
function tokenize(text) {
  const out = [];
  let stack = vsctm.INITIAL;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      out.push({
        line: i + 1,
        col: t.startIndex + 1,
        text: line.slice(t.startIndex, t.endIndex),
        scopes: t.scopes,
      });
    }
    stack = r.ruleStack;
  });
  return out;
}
const show = (t) => `${t.line}:${t.col} ${JSON.stringify(t.text)} [${t.scopes.join(' ')}]`;
// White space is what the language takes as white space: space, tab, CR.
const unknown = (toks) => toks.filter((t) => t.scopes.length === 1 && /[^ \t\r]/.test(t.text));
const invalid = (toks) => toks.filter((t) => t.scopes.some((s) => s.startsWith('invalid.')));
function listed(what, toks) {
  const more = toks.length > 10 ? `\n... and ${toks.length - 10} more` : '';
  return `${toks.length} ${what}:\n` + toks.slice(0, 10).map(show).join('\n') + more;
}

// ---- every valid pathway: no unknown token, nothing invalid ----------------

const files = (dir) =>
  existsSync(join(TOP, dir))
    ? readdirSync(join(TOP, dir)).filter((f) => f.endsWith('.pathway')).sort().map((f) => join(dir, f))
    : [];
const VALID = [
  ...files('pathways'), ...files('pathways/common'), ...files('tests/outputs'), ...files('tests/hostile'),
];
if (VALID.length < 10) fail('the valid pathways', `only ${VALID.length} files found: ${VALID.join(' ')}`);
for (const f of VALID) {
  test(`tokenize ${f}: no unknown token, nothing invalid`, () => {
    const toks = tokenize(readFileSync(join(TOP, f), 'utf8'));
    const problems = [];
    if (unknown(toks).length) problems.push(listed('unknown tokens', unknown(toks)));
    if (invalid(toks).length) problems.push(listed('tokens marked invalid', invalid(toks)));
    return problems.join('\n');
  });
}

// ---- the files of error and warning tests: no unknown token ----------------

const BAD = [...files('tests/errors'), ...files('tests/warnings')];
test(`tokenize the ${BAD.length} files of tests/errors and tests/warnings: no unknown token`, () => {
  const problems = [];
  for (const f of BAD) {
    const u = unknown(tokenize(readFileSync(join(TOP, f), 'utf8')));
    if (u.length) problems.push(`${f}: ${listed('unknown tokens', u)}`);
  }
  return problems.join('\n');
});

// ---- known tokens get the expected scopes ----------------------------------

// Find the Nth token (from 1) on the line holding MARK whose text is TEXT,
// and check that SCOPE is among its scopes.
function expectScope(toks, src, mark, text, scope, nth = 1) {
  const lineNo = src.split('\n').findIndex((l) => l.includes(mark)) + 1;
  if (!lineNo) return `no line holds ${JSON.stringify(mark)}`;
  const cands = toks.filter((t) => t.line === lineNo && t.text === text);
  const t = cands[nth - 1];
  if (!t) {
    const on = toks.filter((x) => x.line === lineNo).map(show).join('\n  ');
    return `no token ${JSON.stringify(text)} on line ${lineNo}; its tokens:\n  ${on}`;
  }
  if (!t.scopes.includes(scope)) return `${show(t)}: expected ${scope}`;
  return '';
}

const SAMPLE = `# a comment
import "common/x.pathway"
contact police_emergency "Police (emergency)" { phone "999" hours "24/7" }
role dsl "Designated Safeguarding Lead"
form dash "DASH" { per-child }
pathway prevent "Prevent: \\"Notice\\", \\u{2014} Check\\tShare\\n\\\\" {
  status    draft
  review-by 2026-11-30     # reviewed yearly
  start     immediate_risk
  stage notice "Notice" {
    question immediate_risk "Is anyone at immediate risk of harm?" {
      yes -> call_999
      no->talk_to_dsl
      unsure "Not sure" -> step-2
    }
  }
  question dash_score "Score" { score 0..27  band 0..13 -> step-2  band 14 .. 27 -> call_999 }
  step step-2 "Step two" { by dsl  next talk_to_dsl  form dash  contact police_emergency }
  step talk_to_dsl "Talk to your DSL" {
    within 1 working-day  target 4 hours
    consent seek-unless-unsafe "Ask first"
    urgency urgent
    also call_999 "why"
    next no_further_action
  }
  outcome call_999 "Call 999" { kind emergency  urgency immediate  contact police_emergency }
  outcome no_further_action "No further action" { kind no-further-action  review-after 2 weeks }
  scenario "immediate risk goes straight to 999" from immediate_risk {
    answer immediate_risk yes
    answer dash_score 12
    expect call_999 through immediate_risk, call_999
  }
  assert immediate_risk within 1 step of start
  assert no path reaches call_999 before immediate_risk
  assert every path to call_999 passes immediate_risk
}
`;

test('the sample pathway: no unknown token, nothing invalid', () => {
  const toks = tokenize(SAMPLE);
  return [unknown(toks), invalid(toks)].filter((x) => x.length).map((x) => listed('tokens', x)).join('\n');
});

const S = tokenize(SAMPLE);
const CHECKS = [
  // [line mark, token text, scope, nth]
  ['# a comment', '#', 'punctuation.definition.comment.pathway'],
  ['# a comment', ' a comment', 'comment.line.number-sign.pathway'],
  ['# reviewed yearly', ' reviewed yearly', 'comment.line.number-sign.pathway'],
  ['import "common', 'import', 'keyword.control.import.pathway'],
  ['import "common', 'common/x.pathway', 'string.quoted.double.pathway'],
  ['contact police_emergency "Police', 'contact', 'storage.type.contact.pathway'],
  ['contact police_emergency "Police', 'police_emergency', 'entity.name.type.contact.pathway'],
  ['contact police_emergency "Police', 'phone', 'keyword.other.field.pathway'],
  ['contact police_emergency "Police', 'hours', 'keyword.other.field.pathway'],
  ['role dsl', 'dsl', 'entity.name.type.role.pathway'],
  ['form dash "DASH"', 'per-child', 'keyword.other.field.pathway'],
  ['pathway prevent', 'pathway', 'storage.type.pathway.pathway'],
  ['pathway prevent', 'prevent', 'entity.name.type.pathway.pathway'],
  ['pathway prevent', '\\"', 'constant.character.escape.pathway'],
  ['pathway prevent', '\\u{2014}', 'constant.character.escape.unicode.pathway'],
  ['pathway prevent', '\\t', 'constant.character.escape.pathway'],
  ['pathway prevent', '\\n', 'constant.character.escape.pathway'],
  ['pathway prevent', '\\\\', 'constant.character.escape.pathway'],
  ['pathway prevent', '{', 'punctuation.section.block.begin.pathway'],
  ['status    draft', 'draft', 'constant.language.status.pathway'],
  ['review-by 2026', 'review-by', 'keyword.other.field.pathway'],
  ['review-by 2026', '2026-11-30', 'constant.numeric.date.pathway'],
  ['start     immediate_risk', 'immediate_risk', 'variable.other.node.pathway'],
  ['stage notice', 'notice', 'entity.name.section.stage.pathway'],
  ['question immediate_risk', 'question', 'storage.type.node.question.pathway'],
  ['question immediate_risk', 'immediate_risk', 'entity.name.function.node.pathway'],
  ['yes -> call_999', 'yes', 'variable.parameter.answer.pathway'],
  ['yes -> call_999', '->', 'keyword.operator.arrow.pathway'],
  ['yes -> call_999', 'call_999', 'variable.other.node.pathway'],
  ['no->talk_to_dsl', 'no', 'variable.parameter.answer.pathway'],
  ['no->talk_to_dsl', 'talk_to_dsl', 'variable.other.node.pathway'],
  ['unsure "Not sure"', 'unsure', 'variable.parameter.answer.pathway'],
  ['unsure "Not sure"', 'step-2', 'variable.other.node.pathway'],
  ['score 0..27', 'score', 'keyword.other.field.pathway'],
  ['score 0..27', '..', 'keyword.operator.range.pathway'],
  ['score 0..27', '27', 'constant.numeric.integer.decimal.pathway'],
  ['score 0..27', '..', 'keyword.operator.range.pathway', 3],
  ['step step-2', 'step-2', 'entity.name.function.node.pathway'],
  ['step step-2', 'dsl', 'variable.other.role.pathway'],
  ['step step-2', 'form', 'keyword.other.field.pathway'],
  ['step step-2', 'contact', 'keyword.other.field.pathway'],
  ['step step-2', 'police_emergency', 'variable.other.name.pathway'],
  ['within 1 working-day', '1', 'constant.numeric.integer.decimal.pathway'],
  ['within 1 working-day', 'working-day', 'keyword.other.unit.pathway'],
  ['within 1 working-day', 'hours', 'keyword.other.unit.pathway'],
  ['consent seek-unless-unsafe', 'seek-unless-unsafe', 'constant.language.consent.pathway'],
  ['urgency urgent', 'urgent', 'constant.language.urgency.pathway'],
  ['also call_999 "why"', 'also', 'keyword.other.field.pathway'],
  ['kind emergency', 'emergency', 'constant.language.outcome-kind.pathway'],
  ['kind emergency', 'immediate', 'constant.language.urgency.pathway'],
  ['kind no-further-action', 'no-further-action', 'constant.language.outcome-kind.pathway'],
  ['kind no-further-action', 'review-after', 'keyword.other.field.pathway'],
  ['scenario "immediate', 'scenario', 'storage.type.scenario.pathway'],
  ['scenario "immediate', 'from', 'keyword.control.test.pathway'],
  ['answer immediate_risk yes', 'answer', 'keyword.control.test.pathway'],
  ['answer immediate_risk yes', 'yes', 'variable.parameter.answer.pathway'],
  ['answer dash_score 12', '12', 'constant.numeric.integer.decimal.pathway'],
  ['expect call_999 through', 'through', 'keyword.control.test.pathway'],
  ['expect call_999 through', ',', 'punctuation.separator.comma.pathway'],
  ['within 1 step of start', 'assert', 'keyword.control.assert.pathway'],
  ['within 1 step of start', 'step', 'keyword.other.unit.pathway'],
  ['within 1 step of start', 'start', 'keyword.control.test.pathway'],
  ['assert no path', 'no', 'keyword.control.test.pathway'],
  ['assert no path', 'reaches', 'keyword.control.test.pathway'],
  ['assert every path', 'passes', 'keyword.control.test.pathway'],
];
for (const [mark, text, scope, nth] of CHECKS) {
  test(`scope: ${JSON.stringify(text)}${nth ? ` (${nth})` : ''} in ${JSON.stringify(mark)} is ${scope}`,
    () => expectScope(S, SAMPLE, mark, text, scope, nth));
}

// The same on a real pathway: pathways/prevent.pathway.
const PREVENT = readFileSync(join(TOP, 'pathways', 'prevent.pathway'), 'utf8');
const P = tokenize(PREVENT);
for (const [mark, text, scope] of [
  ['question immediate_risk', 'immediate_risk', 'entity.name.function.node.pathway'],
  ['yes -> call_999', 'call_999', 'variable.other.node.pathway'],
  ['status    draft', 'draft', 'constant.language.status.pathway'],
  ['review-by 2027-05-31', '2027-05-31', 'constant.numeric.date.pathway'],
  ['Linked from the source page as', '\\"', 'constant.character.escape.pathway'],
  ['# Prevent: Notice, Check, Share', '#', 'punctuation.definition.comment.pathway'],
  ['consent   not-needed', 'not-needed', 'constant.language.consent.pathway'],
]) {
  test(`scope in pathways/prevent.pathway: ${JSON.stringify(text)} in ${JSON.stringify(mark)} is ${scope}`,
    () => expectScope(P, PREVENT, mark, text, scope));
}

// ---- what is not the language is marked invalid.illegal --------------------

const BAD_SAMPLE = `pathway p "P" {
  owner "x" ; version "1"
  review-by 2026-01-01 @
  note ‘curly’ 'single'
  question q "Q?" {
    yes → a
    no - > b
  }
  step a "A" { urgency soon  within 2 fortnights  do "bad \\q escape" }
  step b "B" { note "bad \\u2014 and \\u{} and \\u{110000}"  next a }
  outcome c "C" { kind finished  status ready }
  note "ends in a backslash \\
       and goes on"
  note 0.27\u00a0x
}
`;
const BT = tokenize(BAD_SAMPLE);
test('the invalid sample: no unknown token', () => {
  const u = unknown(BT);
  return u.length ? listed('unknown tokens', u) : '';
});
for (const [mark, text, nth] of [
  [' ; version', ';'],
  ['2026-01-01 @', '@'],
  ['‘curly’', '‘'],
  ['‘curly’', '’'],
  ['‘curly’', "'"],
  ['yes → a', '→'],
  ['no - > b', '-'],
  ['no - > b', '>'],
  ['urgency soon', 'soon'],
  ['urgency soon', 'fortnights'],
  ['urgency soon', '\\q'],
  ['bad \\u2014', '\\u'],
  ['bad \\u2014', '\\u{}'],
  ['bad \\u2014', '\\u{110000}'],
  ['kind finished', 'finished'],
  ['kind finished', 'ready'],
  ['ends in a backslash', '\\'],
  ['note 0.27', '.'],
  ['note 0.27', '\u00a0'],
]) {
  test(`invalid: ${JSON.stringify(text)}${nth ? ` (${nth})` : ''} in ${JSON.stringify(mark)} is invalid.illegal`, () => {
    const lineNo = BAD_SAMPLE.split('\n').findIndex((l) => l.includes(mark)) + 1;
    const t = BT.filter((x) => x.line === lineNo && x.text === text)[nth ? nth - 1 : 0];
    if (!t) {
      return `no token ${JSON.stringify(text)} on line ${lineNo}; its tokens:\n  ` +
        BT.filter((x) => x.line === lineNo).map(show).join('\n  ');
    }
    return t.scopes.some((s) => s.startsWith('invalid.illegal')) ? '' : `${show(t)}: not invalid.illegal`;
  });
}
test('invalid: text after a backslash at the end of a line goes on as text', () => {
  const lineNo = BAD_SAMPLE.split('\n').findIndex((l) => l.includes('and goes on')) + 1;
  const t = BT.find((x) => x.line === lineNo && x.text.includes('and goes on'));
  if (!t) return `no token holds "and goes on" on line ${lineNo}`;
  return t.scopes.includes('string.quoted.double.pathway') ? '' : `${show(t)}: not in a string`;
});

finish();
