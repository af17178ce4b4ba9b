/** Transfers to another holder, public disclosures and aggregated statistics for advertising clients, over HTTP. */
package dev.pdvault.api.disclosure;
