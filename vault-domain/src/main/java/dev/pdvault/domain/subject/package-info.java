/** Data subjects: registration, collection and correction of their personal data, and their erasure. */
package dev.pdvault.domain.subject;
