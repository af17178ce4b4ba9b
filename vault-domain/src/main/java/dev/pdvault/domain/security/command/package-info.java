/** The aggregate that records each security signal as an event of its own. */
package dev.pdvault.domain.security.command;
