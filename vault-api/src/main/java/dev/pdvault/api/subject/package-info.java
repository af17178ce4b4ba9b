/** The subject endpoints and services: register, collect, correct, erase, history. */
package dev.pdvault.api.subject;
