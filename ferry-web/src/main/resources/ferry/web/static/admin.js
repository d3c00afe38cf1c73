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
// ---- automation ----
// A syntax error of the script editor names its line and column: its "go to" button puts the
// cursor there in the source textarea (event delegation, so it works on swapped-in fragments).
document.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-goto-line]');
  if (!b) return;
  const area = document.getElementById(b.dataset.target || 'source');
  if (!area) return;
  const line = parseInt(b.dataset.gotoLine, 10) || 1;
  const col = parseInt(b.dataset.gotoColumn, 10) || 1;
  const lines = area.value.split('\n');
  let pos = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length); i++) pos += lines[i].length + 1;
  pos += Math.min(col - 1, (lines[line - 1] || '').length);
  area.focus();
  area.setSelectionRange(pos, pos);
  const lh = parseFloat(getComputedStyle(area).lineHeight) || 20;
  area.scrollTop = Math.max(0, (line - 3) * lh);
});
// A job's live log keeps its newest line in view while the reader is at the bottom.
document.addEventListener('htmx:sseMessage', (e) => {
  const log = document.getElementById('job-log');
  if (!log || !log.contains(e.target) && e.target !== log) return;
  if (log.scrollHeight - log.scrollTop - log.clientHeight < 80) log.scrollTop = log.scrollHeight;
});
