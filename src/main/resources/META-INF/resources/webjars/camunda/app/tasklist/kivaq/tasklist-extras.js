/*
 * KivaQ DSR additions to Camunda Tasklist (loaded through config.js customScripts).
 *
 * 1. Links in task forms that lead to our staff pages (/staff/...) open in a new tab, so staff keep their place in
 *    Tasklist (our task forms set this themselves; this covers any other form).
 * 2. An unclaimed task's form (which Tasklist shows locked) starts with a hint: claim the task first. The hint's
 *    text comes with the form (data-kivaq-claim-hint, in the staff member's language; see tasklist.TaskFormController).
 * 3. Tasklist speaks the language chosen on the staff pages (staff-language.js).
 *
 * Plain DOM code: Tasklist re-renders forms at will, so a MutationObserver applies 1 and 2 whenever a form appears.
 */
import './staff-language.js';

const HINT_ID = 'kivaq-claim-hint';

function openStaffLinksInNewTab(root) {
  root.querySelectorAll('a[href^="/staff/"], a[href*="//"][href*="/staff/"]').forEach((link) => {
    if (link.target !== '_blank') {
      link.target = '_blank';
      link.rel = 'noopener';
    }
  });
}

function claimHint(root) {
  const heading = root.querySelector('[data-kivaq-claim-hint]');
  const form = heading && heading.closest('form');
  // Tasklist's claim button, whatever language its label is in
  const claim = root.querySelector('button.claim');
  const hint = document.getElementById(HINT_ID);
  if (form && claim && !hint) {
    const note = document.createElement('p');
    note.id = HINT_ID;
    note.className = 'alert alert-info';
    note.textContent = heading.getAttribute('data-kivaq-claim-hint');
    form.parentNode.insertBefore(note, form);
  } else if (hint && (!claim || !form)) {
    hint.remove();
  }
}

const observer = new MutationObserver(() => {
  openStaffLinksInNewTab(document);
  claimHint(document);
});
observer.observe(document.documentElement, { childList: true, subtree: true });

export default [];
