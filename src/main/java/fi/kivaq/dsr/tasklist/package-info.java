/**
 * Camunda Tasklist for this team: every task says which request it is for (its reference, type and due date, set
 * when the task is created) and can be searched by it; the filters staff see; the webapps' look (see the README's
 * "Tasklist" section).
 */
package fi.kivaq.dsr.tasklist;
