/*
 * KivaQ DSR's welcome page configuration (replaces the webjar's default config.js, which sets nothing).
 * Finnish, Swedish and English: ../locales/fi.json and sv.json are ours (TasklistTranslationsTest keeps them
 * complete), and the language chosen on the staff pages (cookie dsr-lang) counts before the browser's.
 */
export default {
  locales: {
    availableLocales: ['en', 'fi', 'sv'],
    fallbackLocale: 'en'
  },
  customScripts: ['../tasklist/kivaq/staff-language']
};
