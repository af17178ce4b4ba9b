/** The messages and typed ids of the data-subject feature: what other modules may see of it. */
package dev.pdvault.domain.subject.api;
