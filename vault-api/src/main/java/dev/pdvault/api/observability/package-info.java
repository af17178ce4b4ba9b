/** What operators watch: request correlation ids, metrics beyond the services' own counters, readiness. */
package dev.pdvault.api.observability;
