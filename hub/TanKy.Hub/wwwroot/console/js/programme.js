// The programme form: the id follows the title (the server makes the same id when the field is
// left empty), the repeat choice shows only its own inputs, and playlist rows are added/removed.
const form = document.getElementById('programme-form');
if (form) {
  const title = document.getElementById('f-title');
  const id = document.getElementById('f-id');

  // Same folding as ProgrammeIds.Fold on the server: đ → d, tone marks dropped, a–z 0–9 and dashes.
  const fold = text => text.normalize('NFD').toLowerCase().replace(/đ/g, 'd').replace(/\p{Mn}/gu, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+/, '').slice(0, 32).replace(/-+$/, '');

  if (id.dataset.auto === 'true') {
    let typed = id.value !== '';
    id.addEventListener('input', () => { typed = id.value !== ''; });
    title.addEventListener('input', () => {
      id.placeholder = fold(title.value);
      if (!typed) {
        id.value = '';
      }
    });
    id.placeholder = fold(title.value);
  }

  const repeat = document.getElementById('f-repeat');
  const showRepeat = () => {
    for (const el of form.querySelectorAll('.repeat-extra')) {
      el.hidden = !el.dataset.show.split(' ').includes(repeat.value);
    }
  };
  repeat.addEventListener('change', showRepeat);
  showRepeat();

  const list = document.getElementById('playlist');
  const add = document.getElementById('add-clip');
  add.hidden = false;
  add.addEventListener('click', () => {
    const rows = list.querySelectorAll('.playlist-row');
    const row = rows[rows.length - 1].cloneNode(true);
    const select = row.querySelector('select');
    select.id = 'f-playlist-' + rows.length;
    select.value = '';
    list.append(row);
    select.focus();
  });
  list.addEventListener('click', e => {
    const button = e.target.closest('.remove-clip');
    if (!button) {
      return;
    }
    const row = button.closest('.playlist-row');
    if (list.querySelectorAll('.playlist-row').length > 1) {
      row.remove();
    } else {
      row.querySelector('select').value = '';
    }
  });
}
