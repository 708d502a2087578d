// "Import transcript" on each video segment of the page editor (articles/wagtail_hooks.py).
// The button saves the page as a draft — a new article too — through the action menu's
// "Save draft and import transcript", with the segment's number; the server then opens the
// transcript import for that segment.
(() => {
  const script = document.currentScript;
  const label = script.dataset.label;
  const SEGMENT = '.video-segment-block';
  const ACTION = 'action-import-transcript';
  const SEGMENT_FIELD = 'import-transcript-segment';

  function hiddenInput(form, name) {
    let input = form.querySelector(`input[type="hidden"][name="${name}"]`);
    if (!input) {
      input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      form.appendChild(input);
    }
    return input;
  }

  function importInto(segment) {
    const form = segment.closest('form');
    const segments = [...form.querySelectorAll(SEGMENT)];
    hiddenInput(form, SEGMENT_FIELD).value = String(segments.indexOf(segment) + 1);
    const action = form.querySelector(`button[name="${ACTION}"]`);
    if (action) {
      action.click(); // a real submit button: the editor saves as it does for "Save draft"
    } else {
      hiddenInput(form, ACTION).value = '1';
      form.requestSubmit();
    }
  }

  function addButtons() {
    document.querySelectorAll(SEGMENT).forEach((segment) => {
      if (segment.querySelector(':scope > [data-transcript-import-button]')) return;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button button-small button-secondary';
      button.dataset.transcriptImportButton = '';
      button.textContent = label;
      button.addEventListener('click', () => importInto(segment));
      segment.prepend(button);
    });
  }

  new MutationObserver(addButtons).observe(document.body, { childList: true, subtree: true });
  addButtons();
})();
