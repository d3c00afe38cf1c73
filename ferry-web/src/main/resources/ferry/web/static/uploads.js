// Resumable uploads (tus 1.0 through tus-js-client) for the web client and write shares, and the
// share pages' copy buttons. The panel is the markup of shares/uploads.jte: [data-uploader] with
// data-endpoint, inside an element carrying data-upload-target (the folder uploads go to).
(function () {
  'use strict';
  var CHUNK = 8 * 1024 * 1024;
  var RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 30000];
  var PARALLEL = 3;

  // one fingerprint per file, place and endpoint: the same name in two folders are two uploads
  function fingerprint(endpoint, target, shown, file) {
    return ['ferry', endpoint, target, shown, file.size, file.lastModified].join('|');
  }

  function csrf() {
    return window.ferry && window.ferry.csrf ? window.ferry.csrf() : '';
  }

  // copy a share link: <button data-copy="text">
  document.addEventListener('click', function (e) {
    var b = e.target.closest('[data-copy]');
    if (!b) return;
    var text = b.getAttribute('data-copy');
    var done = function () {
      b.setAttribute('data-copied', 'true');
      b.setAttribute('aria-live', 'polite');
      if (b.dataset.copiedText) b.textContent = b.dataset.copiedText;
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else {
      fallbackCopy(text);
      done();
    }
  });

  function fallbackCopy(text) {
    var t = document.createElement('textarea');
    t.value = text;
    t.setAttribute('readonly', '');
    t.className = 'offscreen';
    document.body.appendChild(t);
    t.select();
    try { document.execCommand('copy'); } catch (ignored) { /* the link is shown beside the button */ }
    document.body.removeChild(t);
  }

  function Uploader(root) {
    this.root = root;
    this.endpoint = root.getAttribute('data-endpoint');
    this.queue = root.querySelector('#upload-queue');
    this.errors = root.querySelector('#upload-errors');
    this.itemTpl = root.querySelector('template[data-item]');
    this.errorTpl = root.querySelector('template[data-error]');
    this.items = [];
    this.refreshTimer = null;
    this.bind();
    this.showUnfinished();
  }

  // after a reload: uploads left unfinished on this endpoint wait for their file to be picked again
  Uploader.prototype.showUnfinished = function () {
    var prefix = 'tus::ferry|' + this.endpoint + '|';
    for (var k = 0; k < localStorage.length; k++) {
      var key = localStorage.key(k);
      if (!key || key.indexOf(prefix) !== 0) continue;
      var fp = key.substring(5, key.lastIndexOf('::'));
      if (this.items.some(function (i) { return i.fp === fp; })) continue;
      var parts = fp.split('|');
      var li = this.itemTpl.content.firstElementChild.cloneNode(true);
      li.setAttribute('data-file', parts[3]);
      li.querySelector('[data-name]').textContent = parts[3];
      this.queue.appendChild(li);
      var item = { li: li, file: null, fp: fp, key: key, upload: null };
      this.items.push(item);
      this.state(item, 'paused', this.t('reselect'));
    }
  };

  Uploader.prototype.t = function (key) {
    return this.root.getAttribute('data-t-' + key) || key;
  };

  // the folder shown now: the page's ?path= (htmx may have moved the listing), else its section's
  Uploader.prototype.target = function () {
    var shown = new URLSearchParams(location.search).get('path');
    if (shown) return shown;
    var holder = this.root.closest('[data-upload-target]');
    return holder ? holder.getAttribute('data-upload-target') : '/';
  };

  Uploader.prototype.bind = function () {
    var self = this;
    ['#upload-files', '#upload-folder'].forEach(function (sel) {
      var input = self.root.querySelector(sel);
      if (!input) return;
      input.addEventListener('change', function () {
        var picked = Array.prototype.map.call(input.files, function (f) {
          return { file: f, rel: f.webkitRelativePath || '' };
        });
        self.addAll(picked);
        input.value = '';
      });
    });
    var zone = this.root.querySelector('[data-drop]');
    if (zone) {
      zone.addEventListener('dragover', function (e) {
        e.preventDefault();
        zone.classList.add('dragging');
      });
      zone.addEventListener('dragleave', function () { zone.classList.remove('dragging'); });
      zone.addEventListener('drop', function (e) {
        e.preventDefault();
        zone.classList.remove('dragging');
        self.dropped(e.dataTransfer);
      });
    }
    this.queue.addEventListener('click', function (e) {
      var b = e.target.closest('button[data-act]');
      if (!b) return;
      var li = b.closest('li[data-file]');
      var item = self.items.find(function (i) { return i.li === li; });
      if (item) self.act(item, b.getAttribute('data-act'));
    });
    this.errors.addEventListener('click', function (e) {
      var b = e.target.closest('button[data-dismiss]');
      if (b) b.closest('li').remove();
    });
  };

  // files and folders dropped: folders are walked with webkitGetAsEntry, keeping their paths
  Uploader.prototype.dropped = function (dt) {
    var self = this;
    var entries = [];
    if (dt.items && dt.items.length && dt.items[0].webkitGetAsEntry) {
      for (var i = 0; i < dt.items.length; i++) {
        var en = dt.items[i].webkitGetAsEntry();
        if (en) entries.push(en);
      }
      Promise.all(entries.map(function (en) { return walk(en, ''); })).then(function (lists) {
        self.addAll([].concat.apply([], lists));
      });
    } else {
      self.addAll(Array.prototype.map.call(dt.files, function (f) { return { file: f, rel: '' }; }));
    }
  };

  function walk(entry, prefix) {
    if (entry.isFile) {
      return new Promise(function (ok) {
        entry.file(function (f) { ok([{ file: f, rel: prefix ? prefix + f.name : '' }]); }, function () { ok([]); });
      });
    }
    var reader = entry.createReader();
    var all = [];
    return new Promise(function (ok) {
      (function more() {
        // readEntries answers in batches (100 in Chromium) until an empty one
        reader.readEntries(function (batch) {
          if (!batch.length) {
            Promise.all(all.map(function (c) { return walk(c, prefix + entry.name + '/'); }))
              .then(function (lists) { ok([].concat.apply([], lists)); });
            return;
          }
          all = all.concat(Array.prototype.slice.call(batch));
          more();
        }, function () { ok([]); });
      })();
    });
  }

  Uploader.prototype.addAll = function (picked) {
    var self = this;
    var target = this.target();
    picked.forEach(function (p) { self.add(p.file, p.rel, target); });
    this.pump();
  };

  Uploader.prototype.add = function (file, rel, target) {
    var shown = rel || file.name;
    var fp = fingerprint(this.endpoint, target, shown, file);
    var waiting = this.items.find(function (i) { return i.fp === fp && !i.file; });
    var item = waiting || { li: this.itemTpl.content.firstElementChild.cloneNode(true), fp: fp, upload: null };
    item.file = file;
    item.rel = rel;
    item.target = target;
    if (!waiting) {
      item.li.setAttribute('data-file', shown);
      item.li.querySelector('[data-name]').textContent = shown;
      this.queue.appendChild(item.li);
      this.items.push(item);
    }
    this.state(item, 'queued', this.t('queued'));
  };

  Uploader.prototype.state = function (item, s, text) {
    item.state = s;
    item.li.setAttribute('data-state', s);
    item.li.querySelector('[data-status]').textContent = text || this.t(s);
  };

  // at most PARALLEL uploads run at once; the rest wait as "queued"
  Uploader.prototype.pump = function () {
    var running = this.items.filter(function (i) { return i.state === 'uploading'; }).length;
    for (var k = 0; k < this.items.length && running < PARALLEL; k++) {
      if (this.items[k].state === 'queued') {
        this.start(this.items[k]);
        running++;
      }
    }
  };

  Uploader.prototype.start = function (item) {
    var self = this;
    var endpoint = this.endpoint;
    this.state(item, 'uploading');
    if (!item.upload) {
      item.upload = new window.tus.Upload(item.file, {
        endpoint: endpoint,
        chunkSize: CHUNK,
        retryDelays: RETRY_DELAYS,
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        metadata: { filename: item.file.name, relativePath: item.rel, target: item.target,
          filetype: item.file.type || 'application/octet-stream' },
        headers: { 'X-CSRF-Token': csrf() },
        fingerprint: function () { return Promise.resolve(item.fp); },
        onProgress: function (sent, total) {
          var pct = total ? Math.floor(sent * 100 / total) : 100;
          item.li.querySelector('progress').value = pct;
          if (item.state === 'uploading') item.li.querySelector('[data-status]').textContent = pct + ' %';
        },
        onSuccess: function () {
          item.li.querySelector('progress').value = 100;
          self.state(item, 'done');
          self.refreshSoon();
          self.pump();
        },
        onError: function (err) { self.failed(item, err); }
      });
    }
    // after a reload: the same file at the same place continues where the server stopped
    item.upload.findPreviousUploads().then(function (previous) {
      if (previous.length) item.upload.resumeFromPreviousUpload(previous[0]);
      item.upload.start();
    });
  };

  Uploader.prototype.failed = function (item, err) {
    var res = err && err.originalResponse;
    var reason = res && res.getBody() ? res.getBody() : (err && err.message ? err.message : String(err));
    var status = res ? res.getStatus() : 0;
    this.state(item, 'error', this.t('error'));
    var li = this.errorTpl.content.firstElementChild.cloneNode(true);
    li.setAttribute('data-error', item.li.getAttribute('data-file'));
    li.setAttribute('data-status', String(status));
    li.querySelector('[data-name]').textContent = item.li.getAttribute('data-file');
    li.querySelector('[data-reason]').textContent = reason;
    this.errors.appendChild(li);
    if (status === 403 || status === 413 || status === 404) item.upload = null; // a new start asks anew
    this.pump();
  };

  Uploader.prototype.act = function (item, act) {
    if (act === 'pause' && item.state === 'uploading') {
      item.upload.abort();
      this.state(item, 'paused');
      this.pump();
    } else if ((act === 'resume' || act === 'retry') && !item.file) {
      var input = this.root.querySelector('#upload-files');
      if (input) input.click(); // the browser forgot the file at the reload: pick it again
    } else if ((act === 'resume' || act === 'retry') && (item.state === 'paused' || item.state === 'error')) {
      this.state(item, 'queued');
      this.pump();
    } else if (act === 'remove') {
      if (item.upload && item.state !== 'done') item.upload.abort(true).catch(function () {});
      if (item.key) localStorage.removeItem(item.key); // an unfinished upload forgotten: the server expires it
      item.li.remove();
      this.items = this.items.filter(function (i) { return i !== item; });
      this.pump();
    }
  };

  // the listing shows the new files: one refresh for a burst of completed uploads. The page is
  // fetched as htmx would (HX-Request, HX-Target: listing); an answer holding #listing (a whole
  // page) gives its #listing, any other answer is the listing's new content.
  Uploader.prototype.refreshSoon = function () {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(refreshListing, 300);
  };

  function refreshListing() {
    if (!document.getElementById('listing')) return;
    fetch(location.href, { headers: { 'HX-Request': 'true', 'HX-Target': 'listing', 'HX-Current-URL': location.href },
      credentials: 'same-origin' }).then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (html) {
      var current = document.getElementById('listing');
      if (html === null || !current) return;
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var fresh = doc.getElementById('listing');
      if (fresh) {
        current.replaceWith(document.adoptNode(fresh));
      } else {
        var nodes = Array.prototype.slice.call(doc.body.childNodes); // a copy: adopting empties the live list
        current.replaceChildren.apply(current, nodes.map(function (n) { return document.adoptNode(n); }));
      }
      if (window.htmx) window.htmx.process(document.getElementById('listing'));
    }).catch(function () { /* the next upload refreshes again */ });
  }

  var PANEL = '/web/client/uploads/panel';

  function initAll() {
    // an empty upload section of a client page (the files page) gets the panel from the server
    document.querySelectorAll('section#uploads[data-upload-target]').forEach(function (section) {
      if (section.querySelector('[data-uploader]') || section.hasAttribute('data-upload-loading')) return;
      if (location.pathname.indexOf('/web/client/') !== 0) return;
      section.setAttribute('data-upload-loading', 'true');
      fetch(PANEL, { credentials: 'same-origin' }).then(function (r) {
        return r.ok && !r.redirected ? r.text() : ''; // no session: the login page is no panel
      }).then(function (html) {
        section.innerHTML = html;
        section.removeAttribute('data-upload-loading');
        initAll();
      });
    });
    document.querySelectorAll('[data-uploader]').forEach(function (root) {
      if (root.__ferryUploader) return;
      root.__ferryUploader = new Uploader(root);
    });
  }

  document.addEventListener('DOMContentLoaded', initAll);
  document.addEventListener('htmx:load', initAll);
})();
