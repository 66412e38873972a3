// The hamlet choice of the broadcast form: "Toàn xã" ticks every hamlet in one click (and stays in
// step when a hamlet is unticked by hand), "Chọn tất cả" / "Bỏ chọn" tick or clear them all.
export function zonePicker(form) {
  const boxes = () => [...form.querySelectorAll('input[name=zones]')];
  const whole = form.querySelector('#bc-whole');
  const sync = () => {
    if (whole) whole.checked = boxes().length > 0 && boxes().every((b) => b.checked);
  };
  const setAll = (on) => {
    for (const b of boxes()) b.checked = on;
    sync();
  };
  if (whole) whole.addEventListener('change', () => setAll(whole.checked));
  for (const b of boxes()) b.addEventListener('change', sync);
  form.querySelector('#bc-select-all')?.addEventListener('click', () => setAll(true));
  form.querySelector('#bc-select-none')?.addEventListener('click', () => setAll(false));
  sync();
}
