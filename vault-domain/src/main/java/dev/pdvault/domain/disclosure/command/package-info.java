/** The transfer, public disclosure and statistics release aggregates and the policies that decide them. */
package dev.pdvault.domain.disclosure.command;
