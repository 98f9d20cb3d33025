// baucu filter boxes: narrow a list as the user types (the lookup's communes, the
// candidates). Tone marks and đ are ignored, so "ba che" finds "Xã Ba Chẽ" and
// "dong trieu" finds "Phường Đông Triều". Without this script the box stays hidden
// and the whole list shows.
//
// Markup (macros.html, `filter`): <div class="filter" data-list="ID" data-item="CSS"
// data-key="CSS" data-shown="… {n} … {total}" data-none="… {q} …" hidden> holding an
// <input> and a role=status line. Entries are the `data-item` elements of #ID; the
// text matched is that of their `data-key` elements. An element of class `fg` (a
// group: a unit) hides when none of its entries shows, and shows them all when its
// heading (h2, h3, or the `.fg-name` of a <details> group's summary) matches; a
// <section> (a level) hides when none of its entries shows. A group that is a
// <details> (the candidate list folds each unit) opens while it has entries shown,
// and goes back to the state the reader left it in when the box is emptied.
// Elements marked `data-filter-hide` hide while filtering.
(function () {
  'use strict';

  function fold(text) {
    return text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase();
  }

  function words(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(Boolean);
  }

  // Every word typed begins a word of the name ("dong tr" → "Đông Triều"), or the
  // letters typed, spaces left out, run on from the start of one of its words
  // ("dongtrieu").
  function matches(name, typed, joined) {
    var all = typed.every(function (w) {
      return name.some(function (n) {
        return n.lastIndexOf(w, 0) === 0;
      });
    });
    if (all) return true;
    for (var i = 0; i < name.length; i++) {
      if (name.slice(i).join('').lastIndexOf(joined, 0) === 0) return true;
    }
    return false;
  }

  function setUp(box) {
    var list = document.getElementById(box.getAttribute('data-list'));
    var input = box.querySelector('input');
    var status = box.querySelector('[role="status"]');
    if (!list || !input || !status) return;
    var keySelector = box.getAttribute('data-key');
    var entries = Array.prototype.map.call(list.querySelectorAll(box.getAttribute('data-item')), function (el) {
      var keys = el.querySelectorAll(keySelector);
      var text = keys.length
        ? Array.prototype.map.call(keys, function (k) { return k.textContent; }).join(' ')
        : el.textContent;
      return { el: el, name: words(text), show: true };
    });
    var groups = Array.prototype.map.call(list.querySelectorAll('.fg, section'), function (el) {
      var heading = el.querySelector('h2, h3, .fg-name');
      return {
        el: el,
        fold: el.tagName === 'DETAILS',
        wasOpen: el.open,
        ownHeading: el.classList.contains('fg'),
        name: heading ? words(heading.textContent) : [],
        entries: entries.filter(function (e) { return el.contains(e.el); }),
      };
    });

    var filtering = false;

    function run() {
      var typed = words(input.value);
      var joined = typed.join('');
      var any = typed.length > 0;
      // The reader's own open/closed groups, kept while the filter opens the matches.
      if (any && !filtering) {
        groups.forEach(function (g) { if (g.fold) g.wasOpen = g.el.open; });
      }
      entries.forEach(function (e) {
        e.show = !any || matches(e.name, typed, joined);
      });
      groups.forEach(function (g) {
        if (any && g.ownHeading && matches(g.name, typed, joined)) {
          g.entries.forEach(function (e) { e.show = true; });
        }
      });
      var shown = 0;
      entries.forEach(function (e) {
        e.el.hidden = !e.show;
        if (e.show) shown++;
      });
      groups.forEach(function (g) {
        var some = g.entries.some(function (e) { return e.show; });
        g.el.hidden = any && !some;
        if (g.fold && (any || filtering)) g.el.open = any ? some : g.wasOpen;
      });
      filtering = any;
      list.hidden = any && shown === 0;
      Array.prototype.forEach.call(list.querySelectorAll('[data-filter-hide]'), function (el) {
        el.hidden = any;
      });
      if (!any) status.textContent = '';
      else if (shown === 0) status.textContent = box.getAttribute('data-none').replace('{q}', input.value.trim());
      else {
        status.textContent = box
          .getAttribute('data-shown')
          .replace('{n}', String(shown))
          .replace('{total}', String(entries.length));
      }
    }

    input.addEventListener('input', run);
    box.hidden = false;
    // A value the browser kept (back, reload) filters at once.
    if (input.value) run();
  }

  Array.prototype.forEach.call(document.querySelectorAll('.filter[data-list]'), setUp);
})();
