/* The embed page's optional script (dashboard/features/embed). The page is complete without it (an SVG
   map with a <title> per area, legend and table); this only adds:
   - hover and keyboard highlight of an area, with its text in the status line under the map; the map is
     one Tab stop, the arrow keys (and Home/End) go from area to area in alphabetical order;
   - the responsive height: the page's height is posted to the host page on load and on every change
     (`{"dekkingskaart-height": h}`), where the share panel's snippet sets it on the iframe.
   Loaded with `defer` from 'self' (the page's CSP allows no inline script). */
(function () {
  'use strict';

  function postHeight() {
    var last = -1;
    function send() {
      var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (h === last || window.parent === window) { return; }
      last = h;
      window.parent.postMessage({'dekkingskaart-height': h, 'dekkingskaart-url': location.href}, '*');
    }
    var queued = false;
    function soon() {
      if (queued) { return; }
      queued = true;
      window.requestAnimationFrame(function () { queued = false; send(); });
    }
    send();
    window.addEventListener('load', send);
    window.addEventListener('resize', soon);
    if (window.ResizeObserver) { new ResizeObserver(soon).observe(document.documentElement); }
    document.addEventListener('toggle', soon, true);  // a <details> opened or closed
  }

  function mapInteraction() {
    var svg = document.querySelector('svg.embed-map');
    var status = document.getElementById('embed-status');
    if (!svg) { return; }
    var lang = document.documentElement.lang || 'nl';
    var areas = Array.prototype.slice.call(svg.querySelectorAll('path.area[id]'));
    if (!areas.length) { return; }
    function titleOf(path) {
      var title = path.querySelector('title');
      return title ? title.textContent : '';
    }
    areas.sort(function (a, b) { return titleOf(a).localeCompare(titleOf(b), lang); });

    var hint = status ? status.getAttribute('data-hint') || '' : '';
    // the highlight: the area's outline drawn again on top of its neighbours (a copy of its path data,
    // not a <use>, whose clone of the focusable area would be one more Tab stop)
    var highlight = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    highlight.setAttribute('class', 'embed-hl');
    highlight.setAttribute('fill', 'none');
    highlight.setAttribute('aria-hidden', 'true');
    var focused = null, hovered = null;

    function show() {
      var area = hovered || focused;
      if (area) {
        highlight.setAttribute('d', area.getAttribute('d'));
        highlight.setAttribute('data-code', area.getAttribute('data-code') || '');
        highlight.setAttribute('class', 'embed-hl' + (area === focused ? ' focus' : ''));
        if (!highlight.parentNode) { svg.appendChild(highlight); }
      } else if (highlight.parentNode) {
        highlight.parentNode.removeChild(highlight);
      }
      if (status) { status.textContent = area ? titleOf(area) : hint; }
    }

    // the map is one Tab stop (roving tabindex); the areas inside are named images
    svg.setAttribute('role', 'group');
    areas.forEach(function (path, i) {
      path.setAttribute('role', 'img');
      path.setAttribute('tabindex', i === 0 ? '0' : '-1');
      path.addEventListener('focus', function () {
        areas.forEach(function (other) { other.setAttribute('tabindex', other === path ? '0' : '-1'); });
        focused = path;
        show();
      });
      path.addEventListener('blur', function () {
        if (focused === path) { focused = null; show(); }
      });
    });
    svg.addEventListener('mouseover', function (e) {
      var path = e.target.closest ? e.target.closest('path.area') : null;
      if (path) { hovered = path; show(); }
    });
    svg.addEventListener('mouseleave', function () { hovered = null; show(); });
    svg.addEventListener('keydown', function (e) {
      var i = areas.indexOf(focused), next = -1;
      if (i < 0) { return; }
      if (e.key === 'ArrowRight' || e.key === 'ArrowDown') { next = (i + 1) % areas.length; }
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') { next = (i - 1 + areas.length) % areas.length; }
      else if (e.key === 'Home') { next = 0; }
      else if (e.key === 'End') { next = areas.length - 1; }
      if (next < 0) { return; }
      e.preventDefault();
      areas[next].focus();
    });
    if (status) {
      status.hidden = false;
      show();
    }
  }

  function start() {
    mapInteraction();
    postHeight();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
