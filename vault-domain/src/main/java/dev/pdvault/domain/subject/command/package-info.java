/** The data-subject aggregate, which decides every command on a subject's data and records it as events. */
package dev.pdvault.domain.subject.command;
