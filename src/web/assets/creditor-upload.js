// Creditor portal: upload a batch file with progress, then follow its processing (issue 5, point 5).
// Served as a file of our own (CSP script-src 'self'); the page works without it (it then points to the API).
// The upload goes to the API itself, POST /v1/batches, which accepts the session cookie when the
// X-CSRF-Token header carries the session's token. Texts come from data-text-* on the form, in the page's language.
/* global document, window, XMLHttpRequest */
(function () {
  'use strict';

  var POLL_MS = 700;

  function fill(template, vars) {
    return String(template || '').replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(vars, key) ? String(vars[key]) : whole;
    });
  }

  function alertBox(type, parts) {
    var box = document.createElement('div');
    box.className = 'utrecht-alert utrecht-alert--' + type;
    var content = document.createElement('div');
    content.className = 'utrecht-alert__content';
    var message = document.createElement('div');
    message.className = 'utrecht-alert__message';
    parts.forEach(function (p) {
      if (typeof p === 'string') {
        var para = document.createElement('p');
        para.className = 'utrecht-paragraph';
        para.textContent = p;
        message.appendChild(para);
      } else message.appendChild(p);
    });
    content.appendChild(message);
    box.appendChild(content);
    return box;
  }

  function getJson(url, lang) {
    return fetch(url, { headers: { Accept: 'application/json', 'Accept-Language': lang }, credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  }

  function setupUpload(form) {
    var lang = form.getAttribute('data-lang') === 'en' ? 'en' : 'nl';
    var nf = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL');
    var text = function (key) {
      return form.getAttribute('data-text-' + key.toLowerCase()) || key;
    };
    var fileInput = document.getElementById('upload-file');
    var formatSelect = document.getElementById('upload-format');
    var button = document.getElementById('upload-button');
    var progress = document.getElementById('upload-progress');
    var uploadBar = document.getElementById('upload-bar');
    var processBar = document.getElementById('process-bar');
    var status = document.getElementById('upload-status');
    var busy = false;

    function show(type, parts) {
      status.replaceChildren(alertBox(type, parts));
    }
    function size(n) {
      return nf.format(n) + ' bytes';
    }
    function showProcessing(b) {
      if (b.bytesExpected) {
        processBar.max = b.bytesExpected;
        processBar.value = Math.min(b.bytesReceived, b.bytesExpected);
        show('info', [fill(text('processing'), { rows: nf.format(b.rowsTotal), received: size(b.bytesReceived), expected: size(b.bytesExpected) })]);
      } else show('info', [fill(text('processingRows'), { rows: nf.format(b.rowsTotal) })]);
    }
    function finished(b) {
      busy = false;
      button.disabled = false;
      var link = document.createElement('a');
      link.className = 'utrecht-link utrecht-link--html-a';
      link.href = '/aanleveren/batches/' + encodeURIComponent(b.id);
      link.textContent = text('viewResults');
      if (b.status === 'failed') {
        show('error', [text('uploadFailed'), b.error ? b.error.message : '', link]);
        return;
      }
      processBar.max = 1;
      processBar.value = 1;
      show('ok', [
        fill(text('completed'), { rows: nf.format(b.rowsTotal), accepted: nf.format(b.rowsAccepted), refused: nf.format(b.rowsRefused), duplicate: nf.format(b.rowsDuplicate) }),
        link,
      ]);
    }
    // After the API answered: follow GET /v1/batches/{id} until the batch is no longer receiving.
    function followBatch(id) {
      getJson('/v1/batches/' + encodeURIComponent(id), lang)
        .then(function (b) {
          if (b.status === 'receiving') {
            showProcessing(b);
            setTimeout(function () {
              followBatch(id);
            }, POLL_MS);
          } else finished(b);
        })
        .catch(function () {
          busy = false;
          button.disabled = false;
          show('error', [text('networkError')]);
        });
    }

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (busy) return;
      var file = fileInput.files && fileInput.files[0];
      if (!file) {
        show('error', [text('chooseFile')]);
        fileInput.focus();
        return;
      }
      var format = formatSelect.value === 'auto' ? (/\.(jsonl|ndjson)$/i.test(file.name) ? 'jsonl' : 'csv') : formatSelect.value;
      busy = true;
      button.disabled = true;
      progress.hidden = false;
      uploadBar.max = file.size || 1;
      uploadBar.value = 0;
      processBar.max = file.size || 1;
      processBar.value = 0;
      var startedAt = Date.now();
      var answered = false;

      // While the file streams in, the API already processes it: find the new batch in the list
      // (the id only comes with the final answer) to show its processing progress meanwhile.
      function watchList() {
        if (answered) return;
        getJson('/v1/batches', lang)
          .then(function (list) {
            if (answered) return;
            var mine = list.filter(function (b) {
              return b.filename === file.name && b.status === 'receiving' && Date.parse(b.createdAt) >= startedAt - 60000;
            })[0];
            if (mine) showProcessing(mine);
          })
          .catch(function () {})
          .then(function () {
            if (!answered) setTimeout(watchList, POLL_MS);
          });
      }

      var xhr = new XMLHttpRequest();
      xhr.open('POST', '/v1/batches?filename=' + encodeURIComponent(file.name));
      xhr.setRequestHeader('Content-Type', format === 'jsonl' ? 'application/x-ndjson' : 'text/csv');
      xhr.setRequestHeader('X-CSRF-Token', form.getAttribute('data-csrf') || '');
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Accept-Language', lang);
      xhr.upload.addEventListener('progress', function (e) {
        if (!e.lengthComputable) return;
        uploadBar.max = e.total;
        uploadBar.value = e.loaded;
        if (e.loaded < e.total) show('info', [fill(text('uploading'), { sent: size(e.loaded), total: size(e.total) })]);
      });
      xhr.addEventListener('load', function () {
        answered = true;
        uploadBar.value = uploadBar.max;
        var body;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = null; // not JSON (a proxy's error page): the status code is all there is
        }
        if (xhr.status === 201 && body && body.id) {
          followBatch(body.id);
          return;
        }
        busy = false;
        button.disabled = false;
        var parts = [text('uploadFailed')];
        if (body && (body.title || body.detail)) parts.push([body.title, body.detail].filter(Boolean).join(': '));
        else parts.push('HTTP ' + xhr.status);
        show('error', parts);
      });
      xhr.addEventListener('error', function () {
        answered = true;
        busy = false;
        button.disabled = false;
        show('error', [text('networkError')]);
      });
      xhr.send(file);
      setTimeout(watchList, POLL_MS);
    });
  }

  // The batch page of a delivery still being processed: reload once it is done.
  function setupBatchWatch(el) {
    var id = el.getAttribute('data-batch-id');
    function check() {
      getJson('/v1/batches/' + encodeURIComponent(id), 'nl')
        .then(function (b) {
          if (b.status === 'receiving') setTimeout(check, POLL_MS * 2);
          else window.location.reload();
        })
        .catch(function () {});
    }
    setTimeout(check, POLL_MS * 2);
  }

  var form = document.getElementById('upload-form');
  if (form) setupUpload(form);
  var watch = document.getElementById('batch-watch');
  if (watch) setupBatchWatch(watch);
})();
