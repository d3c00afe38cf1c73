// Admin console behaviour (Alpine components registered on alpine:init).

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
