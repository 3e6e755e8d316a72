// The index's search (compiler/emit/assets/index.js), built into
// pathwayc and inlined at the end of index.html (docs/checklist.md).
// Without it the page is the full list; with it, div#search (written
// hidden, so no dead box shows without JavaScript) filters the cards as
// you type: a card stays when every word typed is in its title, summary,
// area, topic or owner (case and accents ignored); a group left with no
// card is hidden; p#search-status says how many are shown.
(function () {
  'use strict';
  var box = document.getElementById('search');
  var input = document.getElementById('search-input');
  var status = document.getElementById('search-status');
  if (!box || !input || !status) return;

  function fold(s) {
    s = String(s || '').toLowerCase();
    return s.normalize ? s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : s;
  }
  function words(el) { return el ? el.textContent : ''; }

  // Each card with what it is found by: its own words, and the headings
  // of the groups it is in (its area and topic).
  var cards = Array.prototype.map.call(document.querySelectorAll('li.pathway'), function (li) {
    var text = [words(li.querySelector('h2, h3, h4, h5')), words(li.querySelector('.summary')),
                words(li.querySelector('dd.owner'))];
    for (var s = li.parentElement; s && s !== document.body; s = s.parentElement) {
      if (s.matches('section.area, section.topic')) {
        text.push(words(s.querySelector('h2, h3, h4')));
      }
    }
    return { li: li, text: fold(text.join(' ')) };
  });
  var groups = document.querySelectorAll('section.topic, section.area');

  function filter() {
    var terms = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (c) {
      var keep = terms.every(function (t) { return c.text.indexOf(t) >= 0; });
      c.li.hidden = !keep;
      if (keep) shown++;
    });
    // a group, area or topic, is hidden when none of its cards is shown
    Array.prototype.forEach.call(groups, function (g) {
      g.hidden = !g.querySelector('li.pathway:not([hidden])');
    });
    status.textContent = shown + ' of ' + cards.length + ' pathway' +
      (cards.length === 1 ? '' : 's') + ' shown' +
      (shown === 0 ? '. Try fewer or shorter words.' : '.');
  }

  input.addEventListener('input', filter);
  input.addEventListener('search', filter); // Escape or the box's clear button
  box.hidden = false;
  if (input.value) filter(); // a value the browser kept on going back
})();
