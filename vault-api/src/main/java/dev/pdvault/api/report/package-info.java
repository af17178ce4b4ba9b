/** Point-in-time audit reports computed by replay of the event store: accesses, shares and holdings, as JSON or CSV. */
package dev.pdvault.api.report;
