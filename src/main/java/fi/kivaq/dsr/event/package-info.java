/**
 * KivaQ's events (trainings, lectures, fairs, workshops) and their attendees, each with the consent given at
 * sign-up: event communication only, or the newsletter too (recorded as a newsletter consent with its proof through
 * the register's {@code EventContacts}). Owns {@code event} and {@code event_attendance}. A module of its own rather
 * than part of {@code register}: the register knows no events (attendance reaches it only as activity and as a
 * consent), and the contact page shows the events through {@code staff.ContactPageSection}, so the module can be
 * removed like the other features.
 */
package fi.kivaq.dsr.event;
