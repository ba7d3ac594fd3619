/*
 * KivaQ DSR additions to Camunda Tasklist (loaded through config.js customScripts).
 *
 * 1. Links in task forms that lead to our staff pages (/staff/...) open in a new tab, so staff keep their place in
 *    Tasklist.
 * 2. An unclaimed task's form (which Tasklist shows locked) starts with a hint: claim the task first.
 *
 * Plain DOM code: Tasklist re-renders forms at will, so a MutationObserver applies both whenever a form appears.
 */
const HINT_ID = 'kivaq-claim-hint';

function openStaffLinksInNewTab(root) {
  root.querySelectorAll('a[href^="/staff/"], a[href*="//"][href*="/staff/"]').forEach((link) => {
    if (link.target !== '_blank') {
      link.target = '_blank';
      link.rel = 'noopener';
      link.title = 'Opens in a new tab';
    }
  });
}

function claimHint(root) {
  const form = root.querySelector('.fjs-container');
  const claim = Array.from(root.querySelectorAll('button, a'))
    .find((element) => /^\s*Claim\s*$/.test(element.textContent || ''));
  const hint = document.getElementById(HINT_ID);
  if (form && claim && !hint) {
    const note = document.createElement('p');
    note.id = HINT_ID;
    note.className = 'alert alert-info';
    note.textContent = 'This form stays locked until you claim the task: press "Claim" above. '
      + 'The task is then yours, and nobody else works on it at the same time.';
    form.parentNode.insertBefore(note, form);
  } else if (hint && !claim) {
    hint.remove();
  }
}

const observer = new MutationObserver(() => {
  openStaffLinksInNewTab(document);
  claimHint(document);
});
observer.observe(document.documentElement, { childList: true, subtree: true });

export default [];
