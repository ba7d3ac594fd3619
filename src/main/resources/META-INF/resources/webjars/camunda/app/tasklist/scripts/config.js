/*
 * KivaQ DSR's Tasklist configuration (replaces the webjar's default config.js).
 * - Finnish, Swedish and English: Camunda ships English and German, and no community translation into Finnish or
 *   Swedish exists (camunda-webapp-translations 7.15.0 has neither), so ../locales/fi.json and sv.json are ours
 *   (TasklistTranslationsTest keeps them complete). German is left out: it would help nobody here.
 * - kivaq/tasklist-extras: opens links from task forms to our staff pages in a new tab, tells a newcomer to claim a
 *   task before working on it, and makes Tasklist speak the language chosen on the staff pages (cookie dsr-lang).
 */
export default {
  app: {
    name: 'Tasklist',
    vendor: 'KivaQ DSR'
  },
  locales: {
    availableLocales: ['en', 'fi', 'sv'],
    fallbackLocale: 'en'
  },
  dateFormat: {
    normal: 'D.M.YYYY HH:mm',
    long: 'dddd D.M.YYYY HH:mm',
    abbr: 'D.M.YYYY HH:mm',
    short: 'D.M.YYYY'
  },
  customScripts: ['kivaq/tasklist-extras'],
  // RequireJS gives up on a module after 7 s, which a busy server (or a slow line) can exceed: Tasklist then stays
  // on its spinner. Wait longer instead.
  requireJsConfig: {
    waitSeconds: 120,
    deps: [],
    ngDeps: []
  },
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
