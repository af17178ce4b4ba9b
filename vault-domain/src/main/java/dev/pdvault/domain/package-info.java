/** The vault's domain: data subjects, accesses and the privacy policy's rules, as Axon aggregates and messages. */
package dev.pdvault.domain;
