/* Applies a compact map payload (see dashboard/features/map/figures.py map_values_payload) to the figure the
   browser already holds: geometry and names stay, only values, colours and highlights change. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  dekkingskaart: {
    applyMapValues: function (payload, figure) {
      var noUpdate = window.dash_clientside.no_update;
      if (!payload || !figure || !figure.data || !figure.data.length) { return noUpdate; }
      var trace = figure.data[0];
      var level = figure.layout && figure.layout.meta ? figure.layout.meta.level : null;
      if (level !== payload.level || !trace.locations || trace.locations.length !== payload.n) {
        return noUpdate;  // a new level arrives with its own full figure from the server
      }
      var updated = Object.assign({}, trace, {
        z: payload.z,
        text: payload.h.map(function (i) { return payload.labels[i]; }),
        colorscale: payload.colorscale,
        zmax: payload.zmax,
        selectedpoints: payload.selected
      });
      return Object.assign({}, figure, { data: [updated].concat(figure.data.slice(1)) });
    },

    /* The iframe code of the share panel: the live embed, or a frozen snapshot that the browser asks
       the server to make (POST /snapshot). A busy renderer answers 503 with Retry-After: wait and try
       again a few times; when no image can be made, the live embed is given instead. */
    freezeEmbed: function (text, mode, current) {
      if (!text) { return window.dash_clientside.no_update; }
      if (mode !== 'bevroren') { return text.live; }
      var attempt = function (left) {
        return fetch(text.snapshot, { method: 'POST', credentials: 'same-origin' }).then(function (response) {
          if (response.status === 201) {
            return response.json().then(function (made) {
              return text.template.replace('__SRC__', text.base + made.page);
            });
          }
          if (response.status === 503 && left > 0) {
            var seconds = parseInt(response.headers.get('Retry-After') || '1', 10);
            return new Promise(function (resolve) {
              setTimeout(resolve, Math.min(Math.max(seconds, 1), 5) * 1000);
            }).then(function () { return attempt(left - 1); });
          }
          return text.live;
        }, function () { return text.live; });
      };
      return attempt(4);
    },

    // the error message's close button (the message is set by the server's on_error handler)
    hideMessage: function () {
      return true;
    },

    /* The page language follows the URL (?taal=en) while navigating: <html lang> for screen readers
       and hyphenation, and the page div's own lang (the callback's output). The first response
       already carries the right <html lang> (dashboard/server/app.py). */
    pageLanguage: function (search, current) {
      var lang = languageOf(search);
      document.documentElement.lang = lang;
      return lang === current ? window.dash_clientside.no_update : lang;
    },

    /* The table of the map (text alternative): one row per area with exactly what the map shows,
       read from the figure in the browser (names, hover lines, class per area, highlighted set),
       so it cannot drift from the map and the server sends no extra bytes for it. `text` holds the
       words of each class in palette order and the column titles (dashboard/features/map/_view_model.py map_table_text).
       The rows are written straight into the (empty) <table> React rendered: hundreds of Dash
       components would take seconds to mount. Returns the number of rows (the table's data-rows). */
    mapTable: function (figure, text, search, tableId) {
      var noUpdate = window.dash_clientside.no_update;
      if (!figure || !figure.data || !figure.data.length || !text || !text.classes || !text.header) { return noUpdate; }
      var trace = figure.data[0];
      var codes = trace.locations || [], names = trace.customdata || [], lines = trace.text || [];
      var z = trace.z || [], classes = text.classes, header = text.header, kept = null;
      if (Array.isArray(trace.selectedpoints)) {
        kept = {};
        trace.selectedpoints.forEach(function (i) { kept[i] = true; });
      }
      var lang = languageOf(search);
      var order = codes.map(function (_, i) { return i; });
      order.sort(function (a, b) { return String(names[a]).localeCompare(String(names[b]), lang); });

      function cell(tag, content, scope) {
        var el = document.createElement(tag);
        el.textContent = content === undefined || content === null ? '' : String(content);
        if (scope) { el.scope = scope; }
        return el;
      }
      var titles = [header.area, header.code, header.value, header.detail].concat(kept ? [header.filter] : []);
      var head = document.createElement('thead'), headRow = document.createElement('tr');
      titles.forEach(function (title) { headRow.appendChild(cell('th', title, 'col')); });
      head.appendChild(headRow);
      var body = document.createElement('tbody');
      order.forEach(function (i) {
        var row = document.createElement('tr');
        row.appendChild(cell('th', names[i], 'row'));
        row.appendChild(cell('td', codes[i]));
        row.appendChild(cell('td', classes[z[i]]));
        row.appendChild(cell('td', lines[i]));
        if (kept) { row.appendChild(cell('td', kept[i] ? header.yes : header.no)); }
        body.appendChild(row);
      });

      (function write(tries) {  // the table may not be in the document yet on a page's first render
        var table = document.getElementById(tableId);
        if (!table) {
          if (tries < 100) { setTimeout(write, 50, tries + 1); }
          return;
        }
        table.replaceChildren(head, body);
        table.setAttribute('data-rows', String(order.length));
      })(0);
      return String(order.length);
    }
  }
});

function languageOf(search) {
  return /[?&]taal=en(&|$)/.test(search || '') ? 'en' : 'nl';
}

/* Accessibility repairs for Dash 4's core components, applied to the DOM they render (their props
   offer no way to set these). A MutationObserver re-applies them whenever React re-renders.

   - RadioItems, Checklist and the list inside an open Dropdown render role="listbox" with
     role="option" labels around native radio and checkbox inputs: an interactive control nested in
     another, and a listbox without a name. The native inputs already carry the semantics, so the
     list becomes a named radiogroup/group and the labels lose their option role.
   - Dropdown puts Tab focus on a hidden (aria-hidden) input that forwards focus to the real
     button, and names the button by its value only. The button itself becomes the tab stop, is
     named by its visible label plus its value, and announces the dialog (Radix popover) it opens.
   - Slider: the thumb (role="slider") gets the name of its visible label. */
(function () {
  function labelId(componentId) {
    if (!componentId) { return null; }
    var label = document.querySelector('label[for="' + CSS.escape(componentId) + '"]');
    if (!label) { return null; }
    if (!label.id) { label.id = componentId + '-label'; }
    return label.id;
  }

  function set(el, name, value) {
    if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }

  function unset(el, name) {
    if (el.hasAttribute(name)) { el.removeAttribute(name); }
  }

  function repair() {
    document.querySelectorAll('.dash-options-list').forEach(function (list) {
      var radios = list.querySelector('input[type="radio"]') !== null;
      set(list, 'role', radios ? 'radiogroup' : 'group');
      var wrapper = list.closest('.dash-dropdown-wrapper');
      var owner = wrapper ? wrapper.querySelector('button.dash-dropdown') : list;
      var name = labelId(owner && owner.id);
      if (name) { set(list, 'aria-labelledby', name); }
      list.querySelectorAll('.dash-options-list-option').forEach(function (option) {
        unset(option, 'role');
        unset(option, 'aria-selected');
      });
      // long lists measure their width with a hidden copy of one option: keep its input out of reach
      list.querySelectorAll('[aria-hidden="true"] input').forEach(function (input) { set(input, 'tabindex', '-1'); });
    });
    document.querySelectorAll('.dash-dropdown-wrapper').forEach(function (wrapper) {
      var button = wrapper.querySelector('button.dash-dropdown');
      var proxy = wrapper.querySelector('.dash-dropdown-focus-target');
      if (!button) { return; }
      if (proxy) { set(proxy, 'tabindex', '-1'); }
      set(button, 'tabindex', button.disabled ? '-1' : '0');
      set(button, 'aria-haspopup', 'dialog');
      var name = labelId(button.id);
      if (name) { set(button, 'aria-labelledby', name + ' ' + button.id + '-value-count ' + button.id + '-value'); }
    });
    document.querySelectorAll('.dash-slider-container[id]').forEach(function (slider) {
      var name = labelId(slider.id);
      if (!name) { return; }
      slider.querySelectorAll('[role="slider"]').forEach(function (thumb) { set(thumb, 'aria-labelledby', name); });
    });
  }

  var scheduled = false;
  function schedule() {
    if (scheduled) { return; }
    scheduled = true;
    Promise.resolve().then(function () { scheduled = false; repair(); });
  }

  function start() {
    repair();
    new MutationObserver(schedule).observe(document.body, {
      subtree: true, childList: true, attributes: true,
      attributeFilter: ['role', 'aria-selected', 'tabindex', 'aria-labelledby', 'aria-haspopup']
    });
  }

  if (document.body) { start(); } else { document.addEventListener('DOMContentLoaded', start); }
})();
