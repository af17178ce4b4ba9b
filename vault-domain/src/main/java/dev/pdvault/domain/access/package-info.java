/** Accesses to personal data: detokenization requests, their policy decision and their record. */
package dev.pdvault.domain.access;
