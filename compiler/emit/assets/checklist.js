/* The checklist's script (compiler/assets/checklist.js), built into
 * pathwayc and inlined in every checklist page. The page works without
 * it; it adds Guide me, ticks and answers that survive a reload, and Copy
 * record (docs/checklist.md). It reads the pathway from the page itself:
 * each node is an article.item with data-kind; a step's, a together's
 * and a continuing outcome's data-next; a together's steps, items inside
 * its own with data-in; a question's criteria (ul.criteria[data-mode])
 * and its radio buttons with data-target. No request of any kind. */
(function () {
  'use strict';
  var body = document.body;
  var storeKey = 'pathwayc:' + body.dataset.pathway + ':' + body.dataset.hash;
  var state = load();

  function byId(id) { return document.getElementById(id); }
  function item(node) { return byId('item-' + node); }
  /* An answer's element id: the question's '-' doubled, as html.c writes
   * it, so that question q's answer a-b and question q-a's answer b differ. */
  function answerId(question, value) {
    return 'answer-' + question.replace(/-/g, '--') + '-' + value;
  }
  /* "4. Title": an item's heading, h4 for a step inside a together. */
  function heading(article) { return article.querySelector('h3, h4').textContent; }
  function now() { return new Date().toISOString(); }

  function fresh() { return { v: 1, ticks: {}, answers: {}, guide: null }; }

  function load() {
    try {
      var s = JSON.parse(window.localStorage.getItem(storeKey));
      if (s && s.v === 1 && s.ticks && s.answers) return s;
    } catch (e) { /* no storage, or not ours: start afresh */ }
    return fresh();
  }

  function save() {
    try {
      window.localStorage.setItem(storeKey, JSON.stringify(state));
    } catch (e) {
      say('Ticks cannot be saved in this browser: they will be lost on reload.');
    }
  }

  function say(message) { byId('tools-status').textContent = message; }

  /* ---- ticks and answers ---- */

  function ticksFor(tick) {
    return document.querySelectorAll('input[data-tick="' + CSS.escape(tick) + '"]');
  }

  function setTick(tick, on) {
    if (on) state.ticks[tick] = state.ticks[tick] || now();
    else delete state.ticks[tick];
    ticksFor(tick).forEach(function (box) { box.checked = on; });
    save();
  }

  /* score: the number a scored question was answered with in the guide
   * (the record gives it); undefined when the answer is the radio button. */
  function setAnswer(question, value, score) {
    state.answers[question] = { value: value, time: now() };
    if (score !== undefined) state.answers[question].score = score;
    var radio = byId(answerId(question, value));
    if (radio) radio.checked = true;
    save();
  }

  function restore() {
    Object.keys(state.ticks).forEach(function (tick) {
      ticksFor(tick).forEach(function (box) { box.checked = true; });
    });
    Object.keys(state.answers).forEach(function (question) {
      var radio = byId(answerId(question, state.answers[question].value));
      if (radio) radio.checked = true;
    });
  }

  /* What the guide shows that depends on ticks (a together's Done, next;
   * the answer a question's criteria give): redone on every tick. */
  var onTicks = null;

  document.addEventListener('change', function (event) {
    var t = event.target;
    if (t.dataset && t.dataset.tick) setTick(t.dataset.tick, t.checked);
    else if (t.type === 'radio' && t.name.indexOf('answer-') === 0 && t.checked)
      setAnswer(t.name.slice(7), t.value);
    if (onTicks) onTicks();
  });

  /* ---- Guide me ---- */

  var guide = byId('guide');
  var title = byId('guide-title');
  var guideBody = byId('guide-body');
  var moves = byId('guide-moves');
  var back = byId('guide-back');

  function path() { return state.guide; }
  function current() { return path()[path().length - 1]; }

  function button(text, id, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    if (id) b.id = id;
    b.addEventListener('click', onClick);
    return b;
  }

  function go(node) {
    state.guide.push(node);
    save();
    show();
  }

  /* The node's article without what the guide replaces by buttons; the
   * copy's ticks mirror the checklist's (same data-tick, other ids). */
  function copyOf(article) {
    var copy = article.cloneNode(true);
    copy.querySelectorAll('h3, fieldset.answers, .next, .end').forEach(function (e) {
      e.remove();
    });
    copy.querySelectorAll('[id]').forEach(function (e) { e.id = 'guide-copy-' + e.id; });
    copy.querySelectorAll('label[for]').forEach(function (e) {
      e.htmlFor = 'guide-copy-' + e.htmlFor;
    });
    copy.querySelectorAll('[aria-labelledby]').forEach(function (e) { /* a together's steps */
      e.setAttribute('aria-labelledby', 'guide-copy-' + e.getAttribute('aria-labelledby'));
    });
    copy.removeAttribute('id');
    copy.removeAttribute('aria-labelledby');
    copy.className = 'guide-item';
    return copy;
  }

  function stepMoves(article, node) {
    moves.appendChild(button('Done, next', 'guide-next', function () {
      setTick(node, true);
      go(article.dataset.next);
    }));
  }

  /* A line the guide keeps up to date as ticks change. */
  function statusLine(id) {
    var p = document.createElement('p');
    p.id = id;
    p.setAttribute('aria-live', 'polite');
    moves.appendChild(p);
    return p;
  }

  /* A together: its steps, in any order; Done, next once every one is
   * ticked (each is its own tick, so the record lists each). */
  function togetherMoves(article) {
    var steps = Array.prototype.map.call(
      article.querySelectorAll('article.item[data-in="' + CSS.escape(article.dataset.node) + '"]'),
      function (a) { return a.dataset.node; });
    var line = statusLine('guide-together');
    var next = button('Done, next', 'guide-next', function () { go(article.dataset.next); });
    moves.appendChild(next);
    onTicks = function () {
      var done = steps.filter(function (s) { return state.ticks[s]; }).length;
      next.disabled = done < steps.length;
      line.textContent = done < steps.length ?
        done + ' of ' + steps.length + ' done: tick each step as you do it, in any order.' :
        'All ' + steps.length + ' done.';
    };
  }

  /* Whether a list of criteria is met by the ticks: an any-of when one of
   * its items is, an all-of when every one is; an item is a text (its tick)
   * or a nested list (met by its own rule). */
  function met(list) {
    var items = Array.prototype.map.call(list.children, function (li) {
      var nested = li.querySelector(':scope > ul.criteria');
      if (nested) return met(nested);
      var box = li.querySelector(':scope > input[data-tick]');
      return !!(box && state.ticks[box.dataset.tick]);
    });
    return list.dataset.mode === 'all-of' ? items.every(Boolean) : items.some(Boolean);
  }

  /* A question with criteria: the answer follows the ticks. Only the
   * answer they give can be chosen, so the record holds the ticks that
   * gave it. */
  function criteriaMoves(article, buttons) {
    var list = article.querySelector('ul.criteria');
    var line = statusLine('guide-criteria');
    moves.insertBefore(line, moves.firstChild);
    onTicks = function () {
      var given = met(list) ? 'yes' : 'no';
      buttons.forEach(function (b) { b.disabled = b.dataset.answer !== given; });
      var label = buttons.filter(function (b) { return b.dataset.answer === given; })[0];
      line.textContent = 'Tick each that applies. Your ticks give: ' +
        (label ? label.textContent : given) + '.';
    };
  }

  /* A band in words: "14 to 27: High risk", as the checklist's label. */
  function bandText(radio) {
    var label = document.querySelector('label[for="' + CSS.escape(radio.id) + '"]');
    return label ? label.textContent : radio.value;
  }

  /* A scored question: the bands with their labels, then the score. */
  function scoreMoves(radios, node) {
    var bands = document.createElement('ul');
    bands.id = 'guide-bands';
    radios.forEach(function (radio) {
      var li = document.createElement('li');
      li.textContent = bandText(radio);
      bands.appendChild(li);
    });
    var ends = radios.map(function (r) { return r.value.split('-').map(Number); });
    var lo = Math.min.apply(null, ends.map(function (e) { return e[0]; }));
    var hi = Math.max.apply(null, ends.map(function (e) { return e[1]; }));
    guideBody.appendChild(bands);
    var label = document.createElement('label');
    label.htmlFor = 'guide-score';
    label.textContent = 'Score';
    var input = document.createElement('input');
    input.type = 'number';
    input.id = 'guide-score';
    input.inputMode = 'numeric';
    moves.appendChild(label);
    moves.appendChild(input);
    moves.appendChild(button('Go on with this score', 'guide-score-go', function () {
      var score = Number(input.value);
      var band = radios.filter(function (r) {
        var range = r.value.split('-').map(Number);
        return input.value !== '' && score >= range[0] && score <= range[1];
      })[0];
      if (!band) {
        say('Enter a whole-number score from ' + lo + ' to ' + hi + '.');
        input.focus();
        return;
      }
      setAnswer(node, band.value, score);
      var range = band.value.replace('-', ' to ');
      say('Score ' + score + ': ' + (band.dataset.band ?
        band.dataset.band + ' (' + range + ').' : range + '.'));
      go(band.dataset.target);
    }));
  }

  function questionMoves(article, node) {
    var radios = Array.prototype.slice.call(
      article.querySelectorAll('fieldset.answers input[type=radio]'));
    if (article.querySelector('.score')) return scoreMoves(radios, node);
    var buttons = radios.map(function (radio) {
      var label = article.querySelector('label[for="' + CSS.escape(radio.id) + '"]');
      var b = button(label.textContent, null, function () {
        setAnswer(node, radio.value);
        go(radio.dataset.target);
      });
      b.className = 'guide-answer';
      b.dataset.answer = radio.value;
      moves.appendChild(b);
      return b;
    });
    if (article.querySelector('ul.criteria')) criteriaMoves(article, buttons);
  }

  /* An outcome ends the walk, but an emergency outcome with a next: the
   * call is ticked as done, and the walk goes on. */
  function outcomeMoves(article, node) {
    var end = document.createElement('p');
    end.id = 'guide-outcome';
    end.dataset.outcome = node;
    var badge = article.querySelector('.badge.outcome');
    var said = badge ? badge.textContent + '.' : '';
    moves.appendChild(end);
    if (!article.dataset.next) {
      end.textContent = 'The pathway ends here. ' + said;
      return;
    }
    var then = article.querySelector(':scope > .next');
    end.textContent = said + ' ' + (then ? then.textContent : '');
    moves.appendChild(button('Called 999, next', 'guide-next', function () {
      setTick(node, true);
      go(article.dataset.next);
    }));
  }

  function show() {
    var node = current();
    var article = item(node);
    if (!article) { state.guide = [body.dataset.start]; return show(); }
    title.textContent = heading(article);
    guideBody.replaceChildren(copyOf(article));
    moves.replaceChildren();
    onTicks = null;
    var kind = article.dataset.kind;
    if (kind === 'step') stepMoves(article, node);
    else if (kind === 'together') togetherMoves(article);
    else if (kind === 'question') questionMoves(article, node);
    else outcomeMoves(article, node);
    back.disabled = path().length < 2;
    restore();
    if (onTicks) onTicks();
    title.focus();
  }

  function openGuide() {
    if (!state.guide || !state.guide.length) state.guide = [body.dataset.start];
    guide.hidden = false;
    show();
  }

  back.addEventListener('click', function () {
    if (path().length > 1) state.guide.pop();
    save();
    show();
  });
  byId('guide-restart').addEventListener('click', function () {
    state.guide = [body.dataset.start];
    save();
    show();
  });
  byId('guide-close').addEventListener('click', function () {
    guide.hidden = true;
    byId('guide-start').focus();
  });
  byId('guide-start').addEventListener('click', openGuide);

  /* ---- the record ---- */

  function stamp(iso) {
    var d = new Date(iso);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) +
      ' ' + two(d.getHours()) + ':' + two(d.getMinutes());
  }

  /* A tick in words: "Done: 4. Title" (the item), "Done: 4. Title: do
   * this" (an item of its do list, ID#N), "Applies: 4. Question: text"
   * (a criterion, ID:2.1). */
  function tickText(tick) {
    var criterion = tick.indexOf(':') >= 0;
    var parts = tick.split(criterion ? ':' : '#');
    var article = item(parts[0]);
    if (!article) return null;
    var said = heading(article);
    if (parts.length < 2) return 'Done: ' + said;
    var box = byId((criterion ? 'crit-' : 'do-') + parts[0] + '-' + parts[1]);
    var label = box && document.querySelector('label[for="' + CSS.escape(box.id) + '"]');
    return (criterion ? 'Applies: ' : 'Done: ') + said + ': ' +
      (label ? label.textContent : parts[1]);
  }

  /* A score is recorded with its band's label, "15 (High risk)", or the
   * band when it has none, "15 (14 to 27)"; an answer by its label. */
  function answerText(question, answer) {
    var article = item(question);
    var id = answerId(question, answer.value);
    var label = article && article.querySelector('label[for="' + CSS.escape(id) + '"]');
    if (!label) return null;
    var said = label.textContent;
    if (typeof answer.score === 'number') {
      var radio = byId(id);
      said = answer.score + ' (' + (radio && radio.dataset.band ? radio.dataset.band :
        answer.value.replace('-', ' to ')) + ')';
    }
    return 'Decided: ' + heading(article) + ' Answer: ' + said;
  }

  function recordText() {
    var entries = [];
    Object.keys(state.ticks).forEach(function (tick) {
      entries.push({ time: state.ticks[tick], text: tickText(tick) });
    });
    Object.keys(state.answers).forEach(function (q) {
      var a = state.answers[q];
      entries.push({ time: a.time, text: answerText(q, a) });
    });
    entries = entries.filter(function (e) { return e.text; });
    entries.sort(function (a, b) { return a.time < b.time ? -1 : a.time > b.time ? 1 : 0; });
    var lines = [document.querySelector('h1').textContent,
      'Pathway: ' + body.dataset.pathway + (body.dataset.version ?
        ', version ' + body.dataset.version : ''),
      'Content hash: ' + body.dataset.hash,
      'Record made: ' + stamp(now()), ''];
    if (!entries.length) lines.push('Nothing has been ticked or decided yet.');
    entries.forEach(function (e) { lines.push(stamp(e.time) + '  ' + e.text); });
    return lines.join('\n') + '\n';
  }

  byId('copy-record').addEventListener('click', function () {
    var text = recordText();
    var area = byId('record-text');
    area.value = text;
    byId('record').hidden = false;
    var copied = navigator.clipboard && window.isSecureContext ?
      navigator.clipboard.writeText(text) : Promise.reject(new Error('no clipboard'));
    copied.then(function () {
      say('The record is on the clipboard, and shown below.');
    }, function () {
      area.select();
      say('Copy the record shown below (the browser did not allow copying).');
    });
  });

  var clearArmed = false;
  byId('clear').addEventListener('click', function () {
    if (!clearArmed) {
      clearArmed = true;
      say('Click “Clear ticks and answers” again to clear them all.');
      return;
    }
    clearArmed = false;
    state = fresh();
    save();
    document.querySelectorAll('input[type=checkbox], input[type=radio]').forEach(
      function (input) { input.checked = false; });
    guide.hidden = true;
    say('Cleared.');
  });

  restore();
  byId('tools').hidden = false;
})();
