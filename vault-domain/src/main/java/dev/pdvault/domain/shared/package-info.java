/** Typed values shared by every feature of the domain: who acts, and when. */
package dev.pdvault.domain.shared;
