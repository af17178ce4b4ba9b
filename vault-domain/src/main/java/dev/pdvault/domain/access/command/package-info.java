/** The detokenization aggregate and the policy that decides each access. */
package dev.pdvault.domain.access.command;
