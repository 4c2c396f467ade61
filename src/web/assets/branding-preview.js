// "Huisstijl": repaints the preview box as colours are typed, by setting the design tokens each
// colour drives (data-theme-preview holds the map, from src/domain/branding/tokens.ts) on the box
// through the CSSOM, which the CSP allows. Colours whose pairs fall short of the contrast the
// server demands (data-contrast-pairs, from src/domain/branding/contrast.ts) are not painted: the
// sample would itself fail WCAG on this page. Saving still checks everything on the server;
// without this script the page previews by "Voorbeeld bekijken".
/* global document */
(function () {
  'use strict';

  var HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

  function hex(value) {
    var m = HEX.exec(String(value || '').trim());
    if (!m) return null;
    var h = m[1];
    if (h.length === 3) h = h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
    return '#' + h.toLowerCase();
  }

  // WCAG 2.x relative luminance and contrast ratio.
  function luminance(c) {
    var rgb = [1, 3, 5].map(function (i) {
      var v = parseInt(c.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  }
  function contrast(a, b) {
    var la = luminance(a);
    var lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  var box = document.querySelector('[data-theme-preview]');
  if (!box) return;
  var map;
  var pairs;
  try {
    map = JSON.parse(box.getAttribute('data-theme-preview') || '{}');
    pairs = JSON.parse(box.getAttribute('data-contrast-pairs') || '[]');
  } catch {
    return;
  }
  var held = document.querySelector('[data-preview-held]');
  var fields = Object.keys(map);

  function current() {
    var out = {};
    fields.forEach(function (f) {
      var input = document.getElementById(f);
      out[f] = input ? hex(input.value) : null;
    });
    return out;
  }

  function repaint() {
    var colours = current();
    var ok = pairs.every(function (p) {
      var fg = colours[p[0]];
      var bg = p[1].charAt(0) === '#' ? p[1] : colours[p[1]];
      return !fg || !bg || contrast(fg, bg) >= p[2];
    });
    if (held) held.hidden = ok;
    if (!ok) return;
    fields.forEach(function (f) {
      if (!colours[f]) return;
      map[f].forEach(function (token) {
        box.style.setProperty(token, colours[f]);
      });
    });
  }

  fields.forEach(function (f) {
    var input = document.getElementById(f);
    if (input) input.addEventListener('input', repaint);
  });
  var name = document.getElementById('displayName');
  var shown = box.querySelector('[data-preview-name]');
  if (name && shown) {
    var fallback = shown.textContent;
    name.addEventListener('input', function () {
      shown.textContent = name.value.trim() || fallback;
    });
  }
})();
