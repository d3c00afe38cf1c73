// Admin console behaviour (Alpine components registered on alpine:init).

// ---- accounts: storage sections follow the chosen backend; a confirmed bulk delete skips the server's question
(function () {
  'use strict';
  function showProvider(select) {
    var form = select.form;
    if (!form) return;
    form.querySelectorAll('[data-provider]').forEach(function (s) {
      s.hidden = s.getAttribute('data-provider') !== select.value;
    });
  }
  document.addEventListener('change', function (e) {
    if (e.target.matches && e.target.matches('[data-provider-select]')) showProvider(e.target);
  });
  function init() {
    document.querySelectorAll('[data-provider-select]').forEach(showProvider);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
  document.addEventListener('htmx:afterSettle', init);
  // ferry.js asked already (data-confirm); when the admin agreed, say so to the server
  document.addEventListener('submit', function (e) {
    var b = e.submitter;
    if (e.defaultPrevented || !b || !b.dataset.confirm || b.value !== 'delete') return;
    var c = document.createElement('input');
    c.type = 'hidden';
    c.name = 'confirmed';
    c.value = '1';
    e.target.appendChild(c);
  });
})();
// ---- operations: copy a just-created API key (button[data-copy] names the field by selector)
document.addEventListener('click', function (e) {
  var b = e.target.closest('[data-copy]');
  if (!b) return;
  var field = document.querySelector(b.dataset.copy);
  if (!field) return;
  field.select();
  if (navigator.clipboard) navigator.clipboard.writeText(field.value);
  else document.execCommand('copy');
});
