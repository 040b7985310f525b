/**
 * The active option after a key press in the combobox (WAI-ARIA 1.2 combobox with a listbox
 * popup): `-1` means "none, the caret is in the text field". Returns `undefined` when the key is
 * not the listbox's to handle, so the text field keeps its native behaviour.
 * @remarks Arrows wrap around, as in the APG example. Home/End move within the list only while an
 * option is active; otherwise they stay the text field's (caret to start/end).
 */
export function nextActive(key: string, active: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowDown':
      return active < 0 || active >= count - 1 ? 0 : active + 1;
    case 'ArrowUp':
      return active <= 0 ? count - 1 : active - 1;
    case 'Home':
      return active < 0 ? undefined : 0;
    case 'End':
      return active < 0 ? undefined : count - 1;
    default:
      return undefined;
  }
}
