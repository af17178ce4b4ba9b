/** The messages of transfers, public disclosures and statistics releases: commands, the facts decided on, events. */
package dev.pdvault.domain.disclosure.api;
