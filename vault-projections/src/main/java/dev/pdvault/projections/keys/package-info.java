/** The backups projection: when each erasure reached backups, after its KEK versions were destroyed. */
package dev.pdvault.projections.keys;
