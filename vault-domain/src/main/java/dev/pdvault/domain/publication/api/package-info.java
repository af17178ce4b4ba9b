/** The messages of policy publication. */
package dev.pdvault.domain.publication.api;
