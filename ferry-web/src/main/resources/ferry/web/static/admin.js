// Admin console behaviour (Alpine components registered on alpine:init).

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
