/* The base map plotly.js would download (136 KB of world topology) is never drawn here: the geo
   subplot is invisible and every shape comes from our own GeoJSON. plotly.js asks for the topology
   only when PlotlyGeoAssets does not hold it, so an empty one is declared before plotly.js loads. */
window.PlotlyGeoAssets = window.PlotlyGeoAssets || { topojson: {} };
window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};
['world_110m', 'world_50m'].forEach(function (name) {
  if (!window.PlotlyGeoAssets.topojson[name]) {
    window.PlotlyGeoAssets.topojson[name] = { type: 'Topology', objects: {}, arcs: [] };
  }
});

/* A level's geometry file (dashboard/features/map/_geometry.py): fetched once per address (the
   browser's cache answers every later time: the file is immutable), parsed once per page, and handed
   to plotly.js too (PlotlyGeoAssets is where it looks up a GeoJSON given by address). */
var geometryFiles = {};
function geometryFile(url) {
  var held = window.PlotlyGeoAssets[url];  // plotly.js fetched it itself for the page's first figure
  if (!geometryFiles[url] && held && typeof held === 'object' && held.features) {
    geometryFiles[url] = Promise.resolve(held);
  }
  if (!geometryFiles[url]) {
    geometryFiles[url] = fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) { throw new Error('geometry ' + url + ': HTTP ' + response.status); }
      return response.json();
    }).then(function (geojson) {
      window.PlotlyGeoAssets[url] = geojson;
      return geojson;
    }, function (error) {
      delete geometryFiles[url];
      throw error;
    });
  }
  return geometryFiles[url];
}

window.dash_clientside = Object.assign({}, window.dash_clientside, {
  dekkingskaart: {
    /* Applies a compact map payload (dashboard/features/map/figures.py map_values_payload) to the figure
       the browser holds: values, colours and highlights. A new level takes its shapes, codes and names
       from the level's geometry file, so no callback ever carries geometry. */
    applyMapValues: function (payload, figure) {
      var noUpdate = window.dash_clientside.no_update;
      if (!payload || !figure || !figure.data || !figure.data.length) { return noUpdate; }
      var trace = figure.data[0];
      var values = {
        z: payload.z,
        text: payload.h.map(function (i) { return payload.labels[i]; }),
        colorscale: payload.colorscale,
        zmax: payload.zmax,
        selectedpoints: payload.selected
      };
      var level = figure.layout && figure.layout.meta ? figure.layout.meta.level : null;
      if (level === payload.level && trace.locations && trace.locations.length === payload.n &&
          (!payload.geo || trace.geojson === payload.geo)) {
        return Object.assign({}, figure, { data: [Object.assign({}, trace, values)].concat(figure.data.slice(1)) });
      }
      if (!payload.geo) { return noUpdate; }
      return geometryFile(payload.geo).then(function (geojson) {
        var features = geojson.features || [];
        if (features.length !== payload.n) { return noUpdate; }
        var shapes = Object.assign({}, trace, values, {
          geojson: payload.geo,
          locations: features.map(function (f) { return f.id; }),
          customdata: features.map(function (f) { return f.properties && f.properties.name ? f.properties.name : f.id; })
        });
        var layout = Object.assign({}, figure.layout, {
          meta: Object.assign({}, figure.layout.meta, { level: payload.level }),
          uirevision: payload.level
        });
        return Object.assign({}, figure, { data: [shapes].concat(figure.data.slice(1)), layout: layout });
      });
    },

    /* One selection from a click on the map or the area picker (the keyboard way); a new level or the
       close button clears it. Nothing is sent when nothing changes: a level change with no area
       selected leaves the selection (and so the detail panel) alone. */
    selectArea: function (click, closeClicks, level, picked, selection) {
      var noUpdate = window.dash_clientside.no_update;
      var triggered = (window.dash_clientside.callback_context.triggered || [])[0];
      var prop = triggered ? triggered.prop_id : '';
      if (prop === 'map.clickData' && click && Array.isArray(click.points) && click.points.length) {
        var location = click.points[0].location;
        location = typeof location === 'string' ? location : null;
        return [location, location];
      }
      if (prop === 'area-picker.value') {
        return [typeof picked === 'string' ? picked : null, noUpdate];
      }
      if (selection === null || selection === undefined) {
        return [noUpdate, picked === null || picked === undefined ? noUpdate : null];
      }
      return [null, null];
    },

    /* The language switch and the 'Kaart' link carry the view (dashboard/features/page/_callbacks.py
       nav_links is the reference): the canonical query, with taal=en added or taken off its end. */
    navLinks: function (query) {
      var noUpdate = window.dash_clientside.no_update;
      if (typeof query !== 'string' || query.charAt(0) !== '?') { return [noUpdate, noUpdate]; }
      var suffix = '&taal=en';
      var other = query.slice(-suffix.length) === suffix ? query.slice(0, -suffix.length) : query + suffix;
      return ['/' + other, '/' + query];
    },

    /* The area picker's options: the shown level's areas by name (sorted as the server sorts them, by
       code point), from the geometry file the map already holds: a level change sends no names. */
    areaOptions: function (payload, current) {
      var noUpdate = window.dash_clientside.no_update;
      if (!payload || !payload.geo) { return noUpdate; }
      return geometryFile(payload.geo).then(function (geojson) {
        var options = (geojson.features || []).map(function (f) {
          return { label: f.properties && f.properties.name ? f.properties.name : f.id, value: f.id };
        });
        options.sort(function (a, b) { return a.label < b.label ? -1 : (a.label > b.label ? 1 : 0); });
        var same = Array.isArray(current) && current.length === options.length &&
          current.every(function (o, i) { return o && o.value === options[i].value; });
        return same ? noUpdate : options;
      });
    },

    /* The share panel follows the view without a request: export links, the share text freezeEmbed
       reads, and the share link are the page's templates (dashboard/features/share/_callbacks.py
       share_templates) with the view's query filled in; update_share there is the reference. */
    shareLinks: function (search, templates) {
      var noUpdate = window.dash_clientside.no_update;
      if (!templates || typeof templates.base !== 'string' || !Array.isArray(templates.formats) ||
          !Array.isArray(templates.data_formats)) {
        // one per output: 3 image links, 2 data links, the share text, the share link
        return [noUpdate, noUpdate, noUpdate, noUpdate, noUpdate, noUpdate, noUpdate];
      }
      var query = search || '', base = templates.base;
      var text = {
        live: templates.live.replace('__SRC__', base + '/embed' + query),
        template: templates.frozen, base: base, snapshot: '/snapshot' + query
      };
      var links = templates.formats.map(function (fmt) { return '/export/kaart.' + fmt + query; });
      // the data of the map of this view (dashboard/features/download/_map_data.py)
      var dataLinks = templates.data_formats.map(function (fmt) { return '/data/kaart.' + fmt + query; });
      return links.concat(dataLinks, [text, base + '/' + query]);
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
    },

    /* Play through the years (the play button beside the year slider, dashboard/features/map/_layout.py).
       Pressing it starts the (disabled) timer from the shown year, or from the first when the last is
       shown; each tick sets the slider's value one year on, exactly as a person moving the slider would
       (the URL, map values, KPIs follow through their callbacks; no geometry is fetched); at the last
       year it stops. Pressing again pauses; moving the slider or choosing another level stops too (a
       year this function sets does not call it again). With prefers-reduced-motion: reduce it still
       plays, as the person asked, but one step every 3 s instead of every 1.2 s.
       A tick that comes before the address shows the last step's year (its callbacks still running on a
       slow connection or a busy server) waits for the next one: steps never overtake each other.
       Returns [year, timer disabled, timer interval, button label, button aria-pressed]. */
    playYears: function (clicks, ticks, year, level, pressed, first, last, playText, pauseText, search) {
      var noUpdate = window.dash_clientside.no_update;
      var triggered = (window.dash_clientside.callback_context.triggered || []).map(function (t) { return t.prop_id; });
      var playing = pressed === 'true' || pressed === true;
      var stop = function (value) { return [value, true, noUpdate, playText, 'false']; };
      var by = function (suffix) {
        return triggered.some(function (prop) { return prop.slice(-suffix.length) === suffix; });
      };
      if (typeof first !== 'number' || typeof last !== 'number') { return stop(noUpdate); }
      if (by('.n_clicks')) {
        if (playing) { return stop(noUpdate); }
        var reduce = !!(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
        var start = typeof year === 'number' && year >= first && year < last ? noUpdate : first;
        return [start, false, reduce ? 3000 : 1200, pauseText, 'true'];
      }
      if (by('.n_intervals')) {
        if (!playing) { return stop(noUpdate); }
        var shown = /[?&]jaar=(\d+)(&|$)/.exec(search || '');
        if (shown && typeof year === 'number' && parseInt(shown[1], 10) !== year) {
          return [noUpdate, noUpdate, noUpdate, noUpdate, noUpdate];
        }
        var next = Math.min(Math.max((typeof year === 'number' ? year : first) + 1, first), last);
        return next >= last ? stop(next) : [next, noUpdate, noUpdate, noUpdate, noUpdate];
      }
      // the slider or the level changed by someone else than this function: stop playing
      return playing ? stop(noUpdate) : [noUpdate, noUpdate, noUpdate, noUpdate, noUpdate];
    },

    /* The query the page must render: the address's query when it is not the one the page shows (at the
       start, or after browser Back); a query the controls wrote is already shown (sync_url records it),
       so it starts no request. dashboard/features/page/_callbacks.py render_page renders it. */
    pageQuery: function (search, shown) {
      var query = search || '';
      return query === shown ? window.dash_clientside.no_update : query;
    },

    /* The comparison year's dropdown is enabled while the comparison checkbox is checked. */
    compareYearEnabled: function (on) {
      return !(Array.isArray(on) && on.indexOf('on') >= 0);
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
