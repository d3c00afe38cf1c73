// Web client behaviour (Alpine components registered on alpine:init).

// ---- files: "select all" of the file browser's page (works after htmx swaps the listing) ----
document.addEventListener('change', (ev) => {
  const all = ev.target.closest('[data-select-all]');
  if (!all || !all.form) return;
  for (const box of all.form.querySelectorAll('input[type="checkbox"][name="item"]')) box.checked = all.checked;
});
