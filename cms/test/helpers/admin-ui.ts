import type { Locator, Page } from 'playwright-core';

/**
 * Picks an option in one of the admin's selects (Strapi's design-system SingleSelect) and waits
 * until the select shows it, picking again when it does not.
 * @remarks Under load a click on the option can land while the list is still opening and be
 * dropped: the select stays as it was and nothing says so. CI met exactly that on a required
 * enumeration (the draft saved without it and Publish refused with "Verdien er påkrevet"). An
 * editor would see the unchanged select and pick again; so does this, three times at most.
 */
export async function pickOption(
  page: Page,
  select: Locator,
  option: string,
  { exact = true }: { exact?: boolean } = {},
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await select.click();
    await page.getByRole('option', { name: option, exact }).click();
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      if ((await select.innerText()).includes(option)) return;
      await page.waitForTimeout(100);
    }
    if (attempt === 3) throw new Error(`the select still does not show "${option}" after 3 picks`);
    process.stderr.write(`[e2e] a select did not take "${option}"; picking again\n`);
    await page.keyboard.press('Escape');
  }
}
