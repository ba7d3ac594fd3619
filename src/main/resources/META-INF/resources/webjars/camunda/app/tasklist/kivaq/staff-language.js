/*
 * The webapps speak the language chosen on our staff pages (cookie dsr-lang: fi, sv or en).
 *
 * Camunda 7.24 has no language switch and stores no choice: each webapp's translation config takes the browser's
 * first language (navigator.languages[0], else navigator.language) once, when Angular starts, which is after the
 * config's customScripts have been loaded. So this script answers that question with the cookie's language. Without
 * the cookie the browser's language counts, as on the staff pages and in the task forms. Loaded by Tasklist (through
 * tasklist-extras.js) and by the welcome page (its config.js).
 */
const LANGUAGES = ['fi', 'sv', 'en'];

function chosenLanguage() {
  const cookie = document.cookie.split(';').map((part) => part.trim())
    .find((part) => part.startsWith('dsr-lang='));
  const language = cookie && decodeURIComponent(cookie.substring('dsr-lang='.length)).substring(0, 2).toLowerCase();
  return LANGUAGES.includes(language) ? language : null;
}

const language = chosenLanguage();
if (language) {
  Object.defineProperty(window.navigator, 'languages', { configurable: true, get: () => [language] });
  Object.defineProperty(window.navigator, 'language', { configurable: true, get: () => language });
  document.documentElement.lang = language;
}

export default [];
