/** The credential aggregate, which records every password set and every verification as events. */
package dev.pdvault.domain.credential.command;
