// baucu serve: live reload. Served at /__baucu/live.js and referenced from HTML
// responses by `baucu serve` only; never part of a built portal.
//
// Events (/__baucu/events):
//   reload {changed: [url…]}   the files a rebuild wrote or deleted, as URLs
//   error  {text, style, problems: [{file, line, column, message, hint}]}
//   ok     {}                  the last build succeeded (sent on connecting)
(() => {
  'use strict';
  const OVERLAY = 'baucu-overlay';
  const script = document.currentScript;
  const served = script ? script.dataset.url : null;
  // A page served with the overlay (or shown one since) reloads once the build is good.
  let broken = document.getElementById(OVERLAY) !== null;

  const decode = (path) => {
    try {
      return decodeURI(path);
    } catch {
      return path;
    }
  };

  const wireClose = (box) => {
    const button = box.querySelector('[data-baucu-close]');
    if (button) button.addEventListener('click', () => box.remove());
  };

  const el = (tag, css, text) => {
    const node = document.createElement(tag);
    if (css) node.style.cssText = css;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const showOverlay = (data) => {
    broken = true;
    const old = document.getElementById(OVERLAY);
    if (old) old.remove();
    const box = el('div', data.style.box);
    box.id = OVERLAY;
    box.setAttribute('role', 'alert');
    const close = el('button', data.style.button, data.text.close);
    close.type = 'button';
    close.setAttribute('data-baucu-close', '');
    box.append(close, el('p', 'margin:0 0 .5rem;font-weight:700', data.text.title));
    const list = el('ul', 'margin:0;padding-left:1.25rem');
    for (const p of data.problems) {
      const item = el('li', 'margin:.25rem 0');
      if (p.file) {
        let place = p.file;
        if (p.line > 0) place += `:${p.line}` + (p.column > 0 ? `:${p.column}` : '');
        const where = el('span', data.style.place, place);
        where.className = 'baucu-place';
        item.append(where, ': ');
      }
      const message = el('span', '', p.message);
      message.className = 'baucu-message';
      item.append(message);
      if (p.hint) {
        const hint = el('span', '', `→ ${p.hint}`);
        hint.className = 'baucu-hint';
        item.append(document.createElement('br'), hint);
      }
      list.append(item);
    }
    box.append(list);
    wireClose(box);
    document.body.append(box);
  };

  const concerns = (changed) => {
    const here = decode(location.pathname);
    return changed.some((url) => url === here || url === served || /\.(css|js)$/.test(url));
  };

  const existing = document.getElementById(OVERLAY);
  if (existing) wireClose(existing);

  const events = new EventSource('/__baucu/events');
  // Connected: marked on the page, for tests and for a look in the inspector.
  events.addEventListener('open', () => {
    document.documentElement.setAttribute('data-baucu-live', 'open');
  });
  events.addEventListener('reload', (e) => {
    const { changed } = JSON.parse(e.data);
    if (broken || concerns(changed)) location.reload();
  });
  events.addEventListener('ok', () => {
    if (broken) location.reload();
  });
  events.addEventListener('error', (e) => {
    // EventSource also fires a plain `error` (no data) when the connection drops;
    // it reconnects by itself.
    if (typeof e.data === 'string') showOverlay(JSON.parse(e.data));
  });
})();
