// Ferry web UI frame: no inline script anywhere (the CSP forbids it), so page behaviour lives here.
(function () {
  'use strict';
  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.content : '';
  }
  window.ferry = window.ferry || {};
  window.ferry.csrf = csrf;

  // every htmx request that changes something carries the page's CSRF token as a header
  document.addEventListener('htmx:configRequest', function (e) {
    e.detail.headers['X-CSRF-Token'] = csrf();
  });

  // light / dark: the browser's preference until the user picks one
  var saved = localStorage.getItem('ferry-theme');
  if (saved) document.documentElement.setAttribute('data-theme', saved);
  document.addEventListener('click', function (e) {
    var t = e.target.closest('[data-theme-toggle]');
    if (!t) return;
    var dark = (document.documentElement.getAttribute('data-theme') ||
      (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')) === 'dark';
    var next = dark ? 'light' : 'dark';
    document.documentElement.setAttribute('data-theme', next);
    localStorage.setItem('ferry-theme', next);
  });

  // <button data-confirm="..."> inside a form asks before it submits
  document.addEventListener('submit', function (e) {
    var b = e.submitter;
    if (b && b.dataset.confirm && !confirm(b.dataset.confirm)) e.preventDefault();
  });
})();
