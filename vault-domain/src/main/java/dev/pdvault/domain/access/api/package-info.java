/** The messages of the access feature: detokenization requests, the facts they were decided on, and outcomes. */
package dev.pdvault.domain.access.api;
