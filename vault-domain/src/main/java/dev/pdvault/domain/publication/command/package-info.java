/** The privacy policy's publication history as an aggregate. */
package dev.pdvault.domain.publication.command;
