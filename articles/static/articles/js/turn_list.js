// The page editor's list of speaker turns (articles/blocks/turn_list.py, issue 16).
//
// Each turn is one compact row — timecode, speaker, first words, and buttons to edit, move,
// delete it or add a turn after it. Wagtail's real form for a turn (the child block's own
// `render`) is built only when the editor opens that turn, from its form state fetched from
// the server (articles/turn_forms.py): a 1,200-turn transcript opens as fast as a short one.
//
// What is posted for position n of `<prefix>-count` (added to the form's data on submit, and
// whenever Wagtail reads the form for "unsaved changes", autosave or preview): `-n-order` and
// `-n-id` as Wagtail's ListBlock posts them, plus `-n-json` — the stored value as it came —
// for a turn never opened; an opened or new turn posts its form's own fields under `-n-value`.
// `-n-deleted` is posted only for a deleted position (an empty one per kept turn was 1,200 of
// the ~4,800 multipart fields a long transcript's save parsed).
(() => {
  const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  const h = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

  function newId() {
    if (window.crypto?.randomUUID) return window.crypto.randomUUID();
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // eslint-disable-line no-bitwise
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // eslint-disable-line no-bitwise
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function icon(name) {
    return `<svg class="icon icon-${name}" aria-hidden="true"><use href="#icon-${name}"></use></svg>`;
  }

  class TurnList {
    constructor(blockDef, placeholder, prefix, initialState, initialError) {
      this.blockDef = blockDef;
      this.meta = blockDef.meta;
      this.strings = blockDef.meta.strings;
      this.prefix = prefix;
      this.type = blockDef.name;
      this.items = []; // in order: {slot, id, value, summary, element, block, json}
      this.deletedSlots = [];
      this.slots = 0;

      const container = document.createElement('div');
      container.className = `turn-list ${this.meta.classname || ''}`;
      container.innerHTML = `
        <div class="turn-list__errors" data-turn-list-errors hidden></div>
        <ol class="turn-list__items" data-turn-list-items></ol>
        <button type="button" class="button button-small button-secondary turn-list__add"
          data-turn-action="add">${icon('plus')}${h(this.strings.add)}</button>`;
      placeholder.replaceWith(container);
      if (this.meta.helpText) {
        // help text is left unescaped, as Wagtail does (Django's convention)
        container.insertAdjacentHTML(
          'beforebegin',
          `<div class="c-sf-help"><div class="help">${this.meta.helpText}</div></div>`,
        );
      }
      this.container = container;
      this.list = container.querySelector('[data-turn-list-items]');
      this.errors = container.querySelector('[data-turn-list-errors]');
      container.addEventListener('click', (event) => this.onClick(event));

      // Capture: `formdata` does not bubble, and this list may be rendered before it is in
      // its form (or removed from it later).
      this.onFormData = (event) => {
        if (!this.container.isConnected) {
          document.removeEventListener('formdata', this.onFormData, true);
        } else if (event.target.contains(this.container)) {
          this.addFormData(event.formData);
        }
      };
      document.addEventListener('formdata', this.onFormData, true);

      this.setState(initialState || []);
      if (initialError) this.setError(initialError);
    }

    // --- state -------------------------------------------------------------------------------

    setState(state) {
      this.items.forEach((item) => item.element.remove());
      this.items = [];
      this.bySlot = new Map();
      const opened = [];
      const rows = state.map((entry) => {
        const item = this.newItem(entry.id, entry.value, entry.summary);
        if (entry.state !== undefined) opened.push([item, entry.state]);
        return this.rowHtml(item);
      });
      this.list.innerHTML = rows.join('');
      [...this.list.children].forEach((element, index) => {
        this.items[index].element = element;
      });
      this.refreshEnds();
      opened.forEach(([item, formState]) => this.renderForm(item, formState));
    }

    newItem(id, value, summary) {
      const item = { slot: this.slots, id: id || newId(), value, summary: summary || {} };
      this.slots += 1;
      this.items.push(item);
      this.bySlot.set(item.slot, item);
      return item;
    }

    getState() {
      return this.items.map((item) =>
        item.block
          ? { id: item.id, state: item.block.getState(), summary: this.summaryOf(item) }
          : { id: item.id, value: item.value, summary: item.summary },
      );
    }

    getDuplicatedState() {
      return this.items.map((item) => {
        const state = item.block?.getDuplicatedState?.() ?? item.block?.getState();
        return item.block
          ? { id: newId(), state, summary: this.summaryOf(item) }
          : { id: newId(), value: item.value, summary: item.summary };
      });
    }

    getValue() {
      return this.items.map((item) => (item.block ? item.block.getValue() : item.value));
    }

    getTextLabel(opts) {
      const first = this.items[0];
      if (!first) return null;
      const label = this.summaryOf(first).words || '';
      const max = opts?.maxLength;
      return max && label.length > max ? `${label.slice(0, max - 1)}…` : label;
    }

    focus(opts) {
      if (opts?.soft) return;
      (this.list.querySelector('[data-turn-action="toggle"]') || this.addButton()).focus();
    }

    addButton() {
      return this.container.querySelector(':scope > [data-turn-action="add"]');
    }

    addFormData(formData) {
      // append, not set: no input of the form has these names, and set() scans every entry
      // (4,800 calls for 1,200 turns took ~0.5 s, and Wagtail reads the form every second).
      const p = this.prefix;
      formData.append(`${p}-count`, String(this.slots));
      this.items.forEach((item, index) => {
        formData.append(`${p}-${item.slot}-order`, String(index));
        formData.append(`${p}-${item.slot}-id`, item.id);
        if (!item.block) {
          item.json ??= JSON.stringify(item.value);
          formData.append(`${p}-${item.slot}-json`, item.json);
        }
      });
      this.deletedSlots.forEach((slot) => formData.append(`${p}-${slot}-deleted`, '1'));
    }

    changed() {
      // Wagtail's "unsaved changes" and preview watch the form's change events.
      this.container.dispatchEvent(new Event('change', { bubbles: true }));
    }

    // --- rows ----------------------------------------------------------------------------------

    rowHtml(item) {
      const s = this.strings;
      const { timecode, speaker, words } = item.summary;
      const rowId = `${this.prefix}-${item.slot}-turn`;
      return `<li class="turn-list__item" id="${rowId}" data-slot="${item.slot}" data-contentpath="${h(item.id)}">
<div class="turn-list__row">
<button type="button" class="turn-list__summary" id="${rowId}-summary" data-turn-action="toggle" aria-expanded="false" aria-controls="${rowId}-form" title="${h(s.open)}">
<span class="turn-list__timecode">${h(timecode || '–')}</span>
<span class="turn-list__speaker">${h(speaker || s.noSpeaker)}</span>
<span class="turn-list__words" dir="auto">${h(words || s.noWords)}</span>
</button>
<span class="turn-list__actions" role="group" aria-labelledby="${rowId}-summary">
<button type="button" class="turn-list__action" data-turn-action="up" aria-label="${h(s.moveUp)}" title="${h(s.moveUp)}"></button>
<button type="button" class="turn-list__action" data-turn-action="down" aria-label="${h(s.moveDown)}" title="${h(s.moveDown)}"></button>
<button type="button" class="turn-list__action" data-turn-action="insert" aria-label="${h(s.insertAfter)}" title="${h(s.insertAfter)}"></button>
<button type="button" class="turn-list__action" data-turn-action="delete" aria-label="${h(s.delete)}" title="${h(s.delete)}"></button>
</span>
</div>
</li>`;
    }

    summaryOf(item) {
      if (!item.block) return item.summary;
      const children = item.block.childBlocks || {};
      const state = item.block.getState() || {};
      const speaker = children.speaker?.getTextLabel?.() || state.speaker_name || '';
      const words = children.content?.getTextLabel?.({ maxLength: 90 }) || '';
      return { timecode: state.timecode || '', speaker, words };
    }

    refreshSummary(item) {
      const { timecode, speaker, words } = this.summaryOf(item);
      const summary = item.element.querySelector('.turn-list__summary');
      summary.querySelector('.turn-list__timecode').textContent = timecode || '–';
      summary.querySelector('.turn-list__speaker').textContent = speaker || this.strings.noSpeaker;
      summary.querySelector('.turn-list__words').textContent = words || this.strings.noWords;
    }

    refreshEnds() {
      // Only the first and last rows have a disabled button; reset the previous ones.
      (this.ends || []).forEach((button) => button.removeAttribute('disabled'));
      const first = this.items[0];
      const last = this.items[this.items.length - 1];
      this.ends = [
        first?.element.querySelector('[data-turn-action="up"]'),
        last?.element.querySelector('[data-turn-action="down"]'),
      ].filter(Boolean);
      this.ends.forEach((button) => button.setAttribute('disabled', ''));
    }

    onClick(event) {
      const button = event.target.closest('[data-turn-action]');
      if (!button || !this.container.contains(button)) return;
      const action = button.dataset.turnAction;
      if (action === 'add') {
        this.insertAt(this.items.length);
        return;
      }
      const row = button.closest('[data-slot]');
      const item = row && this.bySlot.get(Number(row.dataset.slot));
      if (!item) return;
      const index = this.items.indexOf(item);
      if (action === 'toggle') this.toggle(item);
      else if (action === 'up') this.move(index, index - 1, button);
      else if (action === 'down') this.move(index, index + 1, button);
      else if (action === 'insert') this.insertAt(index + 1);
      else if (action === 'delete') this.remove(index);
    }

    // --- opening a turn ----------------------------------------------------------------------

    toggle(item) {
      if (!item.block) {
        this.open([item]);
        return;
      }
      const form = item.element.querySelector('.turn-list__form');
      const opening = form.hidden;
      form.hidden = !opening;
      item.element.classList.toggle('is-open', opening);
      item.element.querySelector('[data-turn-action="toggle"]').setAttribute('aria-expanded', String(opening));
      if (!opening) this.refreshSummary(item);
    }

    async open(items, errors = new Map()) {
      const pending = items.filter((item) => !item.block && !item.loading);
      if (!pending.length) return;
      pending.forEach((item) => this.setLoading(item, true));
      let states;
      try {
        const response = await fetch(this.meta.formStateUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRFToken': this.csrfToken() },
          body: JSON.stringify({ block: this.meta.childKey, values: pending.map((i) => i.value) }),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        ({ states } = await response.json());
      } catch (failure) {
        pending.forEach((item) => this.setLoading(item, false, this.strings.loadFailed));
        return;
      }
      pending.forEach((item, n) => {
        this.setLoading(item, false);
        if (item.element.isConnected) this.renderForm(item, states[n], errors.get(item));
      });
    }

    csrfToken() {
      const input = this.container.closest('form')?.querySelector('[name="csrfmiddlewaretoken"]');
      return input?.value || window.wagtailConfig?.CSRF_TOKEN || '';
    }

    setLoading(item, loading, failure) {
      item.loading = loading;
      const row = item.element;
      row.setAttribute('aria-busy', String(loading));
      row.querySelector('.turn-list__status')?.remove();
      const text = loading ? this.strings.loading : failure;
      if (text) {
        const status = document.createElement('p');
        status.className = `turn-list__status${failure ? ' error-message' : ''}`;
        status.setAttribute('role', failure ? 'alert' : 'status');
        status.textContent = text;
        row.querySelector('.turn-list__row').after(status);
      }
    }

    renderForm(item, formState, error) {
      const form = document.createElement('div');
      form.className = 'turn-list__form';
      form.id = `${this.prefix}-${item.slot}-turn-form`;
      const placeholder = document.createElement('div');
      form.append(placeholder);
      item.element.append(form);
      // The row is this turn's header: the child struct block needs no panel of its own.
      this.blockDef.childBlockDef.collapsible = false;
      item.block = this.blockDef.childBlockDef.render(
        placeholder,
        `${this.prefix}-${item.slot}-value`,
        formState,
        error,
      );
      item.json = undefined;
      item.element.classList.add('is-open');
      const toggle = item.element.querySelector('[data-turn-action="toggle"]');
      toggle.setAttribute('aria-expanded', 'true');
      toggle.setAttribute('aria-controls', form.id);
      toggle.title = this.strings.close;
      return item.block;
    }

    // --- changing the list -------------------------------------------------------------------

    insertAt(index) {
      const item = this.newItem(newId(), null, {});
      this.items.pop(); // newItem appended it; put it where it belongs
      this.items.splice(index, 0, item);
      const next = this.items[index + 1];
      this.list.insertAdjacentHTML('beforeend', this.rowHtml(item));
      item.element = this.list.lastElementChild;
      if (next) this.list.insertBefore(item.element, next.element);
      this.renderForm(item, this.blockDef.initialChildState);
      this.refreshEnds();
      item.block.focus?.({ soft: false });
      this.changed();
    }

    move(from, to, button) {
      if (to < 0 || to >= this.items.length) return;
      const [item] = this.items.splice(from, 1);
      this.items.splice(to, 0, item);
      const after = this.items[to + 1];
      this.list.insertBefore(item.element, after ? after.element : null);
      this.refreshEnds();
      (button.disabled ? item.element.querySelector('[data-turn-action="toggle"]') : button).focus();
      this.changed();
    }

    remove(index) {
      const [item] = this.items.splice(index, 1);
      this.bySlot.delete(item.slot);
      this.deletedSlots.push(item.slot);
      const contentPath = window.comments?.getContentPath?.(item.element);
      if (contentPath && window.comments?.commentApp) {
        window.comments.commentApp.invalidateContentPath(contentPath);
      }
      item.element.remove(); // an opened turn's fields go with it: its slot is posted deleted
      this.refreshEnds();
      const neighbour = this.items[index] || this.items[index - 1];
      (neighbour?.element.querySelector('[data-turn-action="toggle"]') || this.addButton()).focus();
      this.changed();
    }

    // --- errors --------------------------------------------------------------------------------

    setError(error) {
      if (!error) return;
      this.errors.replaceChildren();
      this.items.forEach((item) => item.element.classList.remove('has-error'));
      const messages = error.messages || [];
      const blockErrors = Object.entries(error.blockErrors || {})
        .map(([index, blockError]) => [this.items[Number(index)], blockError])
        .filter(([item]) => item);
      this.errors.hidden = !messages.length && !blockErrors.length;
      messages.forEach((message) => {
        const p = document.createElement('p');
        p.className = 'error-message';
        p.textContent = message;
        this.errors.append(p);
      });
      if (blockErrors.length) this.showTurnErrors(blockErrors);
    }

    showTurnErrors(blockErrors) {
      const heading = document.createElement('p');
      heading.className = 'turn-list__errors-heading';
      heading.textContent = `${this.strings.attention} (${blockErrors.length})`;
      const links = document.createElement('ul');
      const closed = new Map();
      blockErrors.forEach(([item, blockError]) => {
        const number = this.items.indexOf(item) + 1;
        const { timecode, speaker } = this.summaryOf(item);
        const link = document.createElement('a');
        link.href = `#${item.element.id}`;
        link.textContent = [this.strings.turn.replace('%(number)s', number), timecode, speaker]
          .filter(Boolean)
          .join(' · ');
        const entry = document.createElement('li');
        entry.append(link);
        links.append(entry);
        item.element.classList.add('has-error');
        if (!item.element.querySelector('.turn-list__error')) {
          const note = document.createElement('p');
          note.className = 'turn-list__error error-message';
          note.textContent = this.strings.hasErrors;
          item.element.querySelector('.turn-list__row').after(note);
        }
        if (item.block) {
          item.block.setError(blockError);
          if (item.element.querySelector('.turn-list__form').hidden) this.toggle(item);
        } else {
          closed.set(item, blockError);
        }
      });
      this.errors.append(heading, links);
      if (closed.size) this.open([...closed.keys()], closed);
    }
  }

  class TurnListBlockDefinition {
    constructor(name, childBlockDef, initialChildState, meta) {
      this.name = name;
      this.childBlockDef = childBlockDef;
      this.initialChildState = initialChildState;
      this.meta = meta;
    }

    render(placeholder, prefix, initialState, initialError) {
      return new TurnList(this, placeholder, prefix, initialState, initialError);
    }
  }

  window.telepath.register('articles.blocks.TurnListBlock', TurnListBlockDefinition);
})();
