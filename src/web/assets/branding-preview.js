// "Huisstijl": repaints the preview box as colours are typed, by setting the design tokens each
// colour drives (data-theme-preview holds the map, from src/domain/branding/tokens.ts) on the box
// through the CSSOM, which the CSP allows. Saving still checks contrast on the server; without this
// script the page previews by "Voorbeeld bekijken".
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

  var box = document.querySelector('[data-theme-preview]');
  if (!box) return;
  var map;
  try {
    map = JSON.parse(box.getAttribute('data-theme-preview') || '{}');
  } catch (e) {
    return;
  }
  Object.keys(map).forEach(function (field) {
    var input = document.getElementById(field);
    if (!input) return;
    input.addEventListener('input', function () {
      var colour = hex(input.value);
      if (!colour) return;
      map[field].forEach(function (token) {
        box.style.setProperty(token, colour);
      });
    });
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
