/* The live script of `pathwayc serve` (compiler/server/assets/live.js),
 * served as /_pathwayc/live.js and added to every page the server sends
 * (never to what `pathwayc build` writes). It listens to the server's
 * events (/_pathwayc/events, Server-Sent Events): when a build other than
 * the page's own is announced, it keeps where the page was scrolled to and
 * reloads it; the server puts the diagnostics banner in the page it sends.
 * On the preview page (/preview/ID), a click on a node of the diagram
 * scrolls the checklist beside it to that step. docs/serve.md. */
(function () {
  'use strict';
  var me = document.currentScript;
  var BUILD = me ? me.getAttribute('data-build') : null;
  var KEY = 'pathwayc-serve:' + location.pathname;
  var preview = document.body.classList.contains('pathwayc-preview');
  var frame = preview ? document.querySelector('iframe.pv-checklist') : null;
  var pane = preview ? document.querySelector('.pv-diagram') : null;

  /* Inside the preview's frame the preview page reloads everything, and
   * shows the banner (live.css hides the frame's own). */
  if (window.top !== window) {
    document.documentElement.setAttribute('data-pathwayc-frame', '');
    return;
  }

  function state(text, name) {
    document.documentElement.setAttribute('data-pathwayc-live', name);
    var el = document.getElementById('pathwayc-state');
    if (el) el.textContent = text;
  }

  function frameWindow() {
    try { return frame && frame.contentWindow && frame.contentWindow.document ? frame.contentWindow : null; }
    catch (e) { return null; }
  }

  function save() {
    var fw = frameWindow();
    var at = { x: window.scrollX, y: window.scrollY,
               pane: pane ? [pane.scrollLeft, pane.scrollTop] : null,
               frame: fw ? fw.scrollY : null };
    try { sessionStorage.setItem(KEY, JSON.stringify(at)); } catch (e) { /* private mode */ }
  }

  function restore() {
    var at = null;
    try { at = JSON.parse(sessionStorage.getItem(KEY) || 'null'); sessionStorage.removeItem(KEY); }
    catch (e) { at = null; }
    if (!at || typeof at !== 'object') return;
    if (typeof at.x === 'number' && typeof at.y === 'number') window.scrollTo(at.x, at.y);
    if (pane && Array.isArray(at.pane)) { pane.scrollLeft = +at.pane[0] || 0; pane.scrollTop = +at.pane[1] || 0; }
    if (frame && typeof at.frame === 'number') {
      var y = at.frame;
      var go = function () { var fw = frameWindow(); if (fw) fw.scrollTo(0, y); };
      if (frameWindow() && frame.contentDocument.readyState === 'complete') go();
      else frame.addEventListener('load', go, { once: true });
    }
  }

  /* The step a diagram node links to: its #item-ID. */
  function pick(target) {
    var a = target && target.closest ? target.closest('a') : null;
    if (!a || !pane.contains(a)) return null;
    var href = a.getAttribute('href') || a.getAttribute('xlink:href') ||
               a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '';
    var hash = href.indexOf('#');
    return hash < 0 ? null : { a: a, id: decodeURIComponent(href.slice(hash + 1)) };
  }

  function show(id) {
    var fw = frameWindow();
    var item = fw && fw.document.getElementById(id);
    if (!item) return false;
    var old = fw.document.querySelectorAll('.pathwayc-picked');
    for (var i = 0; i < old.length; i++) old[i].classList.remove('pathwayc-picked');
    item.classList.add('pathwayc-picked');
    item.scrollIntoView({ block: 'start' });
    if (window.matchMedia('(max-width: 760px)').matches) frame.scrollIntoView({ block: 'start' });
    return true;
  }

  if (preview && pane) {
    pane.addEventListener('click', function (ev) {
      var p = pick(ev.target);
      if (p && show(p.id)) {
        ev.preventDefault();
        var was = pane.querySelectorAll('.pathwayc-node-picked');
        for (var i = 0; i < was.length; i++) was[i].classList.remove('pathwayc-node-picked');
        p.a.classList.add('pathwayc-node-picked');
      }
    });
  }

  restore();
  if (!window.EventSource || BUILD === null) return;
  var events = new EventSource('/_pathwayc/events');
  events.addEventListener('build', function (ev) {
    var b = null;
    try { b = JSON.parse(ev.data); } catch (e) { return; }
    if (!b || String(b.build) === BUILD) { state('Live', 'on'); return; }
    state('Reloading', 'reloading');
    events.close();
    save();
    location.reload();
  });
  events.addEventListener('error', function () { state('Not connected', 'lost'); });
}());
