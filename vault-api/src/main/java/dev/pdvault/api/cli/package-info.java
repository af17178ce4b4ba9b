/** Operator command-line entry points in the vault's jar, which call a running vault's HTTP API. */
package dev.pdvault.api.cli;
