/** The messages, typed ids and grounds of data-subject requests: what other modules may see of them. */
package dev.pdvault.domain.request.api;
